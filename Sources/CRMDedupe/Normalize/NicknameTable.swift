/// Common English given-name diminutives, one formal name per line followed by its nicknames.
///
/// A nickname may belong to several formal names (Al → Albert, Alan, Alfred; Chris → Christopher,
/// Christine): comparison asks "do these two names share a group", blocking uses the first formal
/// name the nickname appears under.
public enum NicknameTable {
    static let source = """
        aaron: ron ronnie
        abigail: abby abbie gail nabby
        abraham: abe bram
        adam: ad ade
        adelaide: addie adela heidi della
        adrian: ade adie
        agatha: aggie
        agnes: aggie nessa nessie
        albert: al bert bertie
        alan: al
        alexander: alex alec alick lex sandy xander zander sasha
        alexandra: alex alexa sandra sandy lexi sasha
        alfred: al alf alfie fred freddie
        alice: allie ally elsie lisa
        alison: ali allie ally
        allen: al
        alonzo: lon lonzo
        alphonso: al fonso phonso
        amanda: mandy manda
        amelia: amy millie mel
        andrew: andy drew
        angela: angie
        anne: annie nan nancy nanny
        anna: annie
        anthony: tony ant
        antoinette: toni netta
        archibald: archie baldie
        arnold: arnie
        arthur: art artie
        augustus: gus gussie august
        augustine: gus austin
        barbara: barb babs barbie bobbie
        barnabas: barney
        bartholomew: bart barty
        beatrice: bea trixie bee
        benjamin: ben benny benji
        bernard: bernie barney
        bertram: bert
        beverly: bev
        bradley: brad
        brian: bri
        bridget: biddy bridie bree
        calvin: cal
        cameron: cam
        carol: carrie
        caroline: carrie carol lina callie
        catherine: cathy cath kate katie kathy kit kitty cate
        katherine: kathy kate katie kat kitty kay
        kathleen: kathy kate kay
        cecilia: cissy celia
        charles: charlie chuck chas chaz chip chad
        charlotte: lottie charlie lotte
        christian: chris kit
        christina: chris chrissy tina kristy
        christine: chris chrissy tina
        christopher: chris kit topher
        clarence: clare
        clifford: cliff
        clinton: clint
        constance: connie
        cornelius: neil corny
        curtis: curt
        cynthia: cindy
        daniel: dan danny
        danielle: dani
        david: dave davy davey
        deborah: debbie deb debby
        dennis: denny
        dominic: dom nick
        donald: don donnie
        dorothy: dot dottie dolly dora
        douglas: doug
        edward: ed eddie ned ted teddy
        edmund: ed ned ted
        edwin: ed ned
        eleanor: ellie nell nellie nora elle
        elizabeth: liz lizzie beth betty bess bessie betsy eliza libby lisa liza elsie lizzy
        ellen: ellie nell nellie
        emily: em emmy millie
        emma: em emmy
        eric: rick ricky
        ernest: ernie
        esther: essie hetty
        eugene: gene
        evelyn: eve evie
        ezekiel: zeke
        florence: flo flossie
        frances: fran fanny frankie
        francis: frank fran frankie
        frank: frankie
        franklin: frank
        frederick: fred freddie freddy fritz
        gabriel: gabe
        gabrielle: gabby gabi
        geoffrey: geoff jeff
        george: georgie
        gerald: gerry jerry
        gertrude: gertie trudy
        gilbert: gil bert
        gregory: greg
        gwendolyn: gwen wendy
        hannah: annie
        harold: hal harry
        harriet: hattie
        harrison: harry
        helen: nell nellie
        henrietta: etta hetty
        henry: hank harry hal
        herbert: herb bert
        howard: howie
        hubert: bert hugh
        ignatius: iggy
        isaac: ike
        isabel: izzy bella belle
        isabella: izzy bella belle
        isadora: izzy dora
        jacob: jake jack coby
        james: jim jimmy jamie jem
        jane: jenny janie jean
        janet: jan jenny
        jeffrey: jeff
        jennifer: jen jenny jenn
        jeremiah: jerry jem
        jeremy: jerry jem
        jessica: jess jessie
        joan: joanie
        johanna: jo hanna
        john: jack johnny jon
        jonathan: jon jonny nathan
        joseph: joe joey jo
        josephine: jo josie
        joshua: josh
        judith: judy jude
        julia: julie jules
        julian: jules
        kenneth: ken kenny
        kimberly: kim
        lawrence: larry laurie
        laurence: larry laurie
        leonard: len lenny leo
        leonardo: leo
        lillian: lily lil
        louis: lou louie
        louise: lou lulu
        lucinda: lucy cindy
        lucille: lucy
        luke: lucas
        madeline: maddie maddy
        margaret: peggy maggie meg marge margie greta daisy rita madge peg
        marjorie: marge margie
        martha: marty patty mattie
        martin: marty
        mary: molly polly mae mamie
        matilda: tilly matty maud
        matthew: matt matty
        maximilian: max
        maxwell: max
        melissa: mel missy lissa
        michael: mike mikey mick mickey
        michelle: shelly
        mildred: millie
        miriam: mimi
        mitchell: mitch
        nathaniel: nate nat nathan
        nicholas: nick nicky
        nicole: nikki
        norbert: bert
        norman: norm
        oliver: ollie
        olivia: liv livvy
        oswald: ozzie
        pamela: pam
        patricia: pat patty trish tricia
        patrick: pat paddy
        penelope: penny
        peter: pete
        philip: phil pip
        phillip: phil
        prudence: prue
        rachel: rae
        randolph: randy
        raymond: ray
        rebecca: becky becca
        reginald: reg reggie
        richard: rick dick rich richie ricky
        robert: bob bobby rob robbie bert
        roberta: bobbie robbie
        roderick: rod roddy
        rodney: rod
        ronald: ron ronnie
        rosalind: roz
        rosemary: rose rosie
        rudolph: rudy
        russell: russ
        samantha: sam sammy
        samuel: sam sammy
        sandra: sandy
        sarah: sally sadie
        sebastian: seb
        sidney: sid
        simon: si
        solomon: sol
        sophia: sophie
        stanley: stan
        stephanie: steph stevie
        stephen: steve stevie
        steven: steve stevie
        susan: sue susie suzy
        suzanne: sue suzy
        sylvester: sly vester
        tabitha: tabby
        terence: terry
        theodore: ted teddy theo
        theresa: terry tess tessa tracy
        thomas: tom tommy
        timothy: tim timmy
        tobias: toby
        valentine: val
        valerie: val
        veronica: ronnie vera
        victor: vic
        victoria: vicky tori
        vincent: vince vinny
        virginia: ginny ginger
        walter: walt wally
        wesley: wes
        wilfred: will fred
        wilhelmina: mina minnie willa
        william: bill billy will willy willie liam
        winifred: winnie freda
        zachary: zach zack
        """

    /// Name → indices of the groups (formal names) it belongs to; formal names map to their own group.
    static let groups: (byName: [String: [Int]], formal: [String]) = {
        var byName: [String: [Int]] = [:]
        var formal: [String] = []
        for line in source.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let group = formal.count
            formal.append(name)
            for member in [name] + parts[1].split(separator: " ").map(String.init) where !member.isEmpty {
                if !(byName[member]?.contains(group) ?? false) { byName[member, default: []].append(group) }
            }
        }
        return (byName, formal)
    }()

    /// Number of distinct nicknames and formal names known.
    public static var count: Int { groups.byName.count }

    /// The formal name used for blocking ("bill" → "william"); the name itself when unknown.
    public static func canonical(_ foldedName: String) -> String {
        guard let first = groups.byName[foldedName]?.first else { return foldedName }
        return groups.formal[first]
    }

    /// The nicknames listed for a formal name ("william" → bill, will, billy…); empty when unknown.
    public static func nicknames(of formalName: String) -> [String] {
        guard let group = groups.formal.firstIndex(of: formalName) else { return [] }
        return groups.byName.filter { $0.value.contains(group) && $0.key != formalName }.map(\.key).sorted()
    }

    /// True when both names are forms of one formal name (Peggy/Margaret, Bill/Will).
    public static func areEquivalent(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let ga = groups.byName[a], let gb = groups.byName[b] else { return false }
        return ga.contains(where: gb.contains)
    }
}

import Foundation
