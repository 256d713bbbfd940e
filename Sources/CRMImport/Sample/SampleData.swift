/// Word lists for the synthetic contacts of `crmkit sample`. Invented, public-domain-style data.
enum SampleData {
    /// First names with their usual nicknames (a duplicate may use one).
    static let firstNames: [(String, [String])] = [
        ("James", ["Jim", "Jimmy"]), ("Robert", ["Bob", "Rob", "Bobby"]), ("John", ["Jack", "Johnny"]),
        ("Michael", ["Mike", "Mick"]),
        ("William", ["Bill", "Will", "Billy"]), ("David", ["Dave"]), ("Richard", ["Rick", "Dick", "Rich"]),
        ("Joseph", ["Joe", "Joey"]),
        ("Thomas", ["Tom", "Tommy"]), ("Charles", ["Charlie", "Chuck"]), ("Christopher", ["Chris", "Kit"]),
        ("Daniel", ["Dan", "Danny"]),
        ("Matthew", ["Matt"]), ("Anthony", ["Tony"]), ("Steven", ["Steve"]), ("Andrew", ["Andy", "Drew"]),
        ("Edward", ["Ed", "Ted", "Eddie"]),
        ("Benjamin", ["Ben", "Benny"]), ("Samuel", ["Sam"]), ("Alexander", ["Alex", "Sasha"]), ("Nicholas", ["Nick"]),
        ("Jonathan", ["Jon"]),
        ("Patrick", ["Pat"]), ("Timothy", ["Tim"]), ("Gregory", ["Greg"]), ("Peter", ["Pete"]),
        ("Frederick", ["Fred", "Freddie"]),
        ("Mary", ["Molly", "Mae"]), ("Patricia", ["Pat", "Patty", "Trish"]), ("Jennifer", ["Jen", "Jenny"]),
        ("Linda", ["Lindy"]),
        ("Elizabeth", ["Liz", "Beth", "Betty", "Eliza"]), ("Barbara", ["Barb", "Babs"]), ("Susan", ["Sue", "Susie"]),
        ("Jessica", ["Jess"]),
        ("Sarah", ["Sally"]), ("Karen", []), ("Margaret", ["Maggie", "Meg", "Peggy"]),
        ("Katherine", ["Kate", "Kathy", "Katie"]),
        ("Rebecca", ["Becky", "Becca"]), ("Deborah", ["Deb", "Debbie"]), ("Stephanie", ["Steph"]),
        ("Victoria", ["Vicky", "Tori"]),
        ("Christine", ["Chris", "Tina"]), ("Abigail", ["Abby"]), ("Alexandra", ["Alex", "Sandra"]),
        ("Samantha", ["Sam"]),
        ("Emma", []), ("Olivia", ["Liv"]), ("Sophia", ["Sophie"]), ("Isabella", ["Bella", "Izzy"]),
        ("Charlotte", ["Charlie", "Lottie"]),
        ("José", ["Pepe"]), ("María", []), ("François", []), ("Zoë", []), ("Łukasz", []), ("Søren", []), ("Björn", []),
        ("Chloé", []),
        ("Anaïs", []), ("Mehmet", []), ("Aiko", []), ("Wei", []), ("Priya", []), ("Arjun", []), ("Fatima", []),
        ("Olga", []),
        ("Dmitri", ["Dima"]), ("Giovanni", ["Gianni"]), ("Francesca", ["Franca"]), ("Hans", []), ("Ingrid", []),
        ("Niamh", []), ("Seán", []),
    ]

    static let lastNames: [String] = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez",
        "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
        "White",
        "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Torres",
        "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
        "Carter", "Roberts",
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois", "Lefèvre", "Moreau", "Rossi", "Bianchi",
        "Kowalski", "Nowak",
        "Jensen", "Nielsen", "Andersson", "Johansson", "Novák", "Horváth", "O'Brien", "O'Connor", "McDonald", "MacLeod",
        "Van der Berg",
        "De Vries", "Tanaka", "Suzuki", "Wang", "Li", "Zhang", "Kim", "Park", "Patel", "Singh", "Kumar", "Yılmaz",
        "Ivanov", "Petrov",
        "Silva", "Santos", "Oliveira", "Costa", "Fernández", "Schroeder", "Schroder", "Diaz", "Orloff-Diaz", "Brennan",
        "Castillo",
    ]

    static let companies: [(String, String)] = [
        ("Acme Corporation", "acme.example"), ("Globex Inc.", "globex.example"), ("Initech", "initech.example"),
        ("Umbrella Ltd", "umbrella.example"), ("Stark Industries", "stark.example"),
        ("Wayne Enterprises", "wayne.example"),
        ("Hooli", "hooli.example"), ("Vandelay Industries", "vandelay.example"), ("Soylent Co.", "soylent.example"),
        ("Wonka Industries", "wonka.example"), ("Tyrell Corporation", "tyrell.example"),
        ("Cyberdyne Systems", "cyberdyne.example"),
        ("Massive Dynamic", "massive.example"), ("Aperture Science", "aperture.example"),
        ("Black Mesa", "blackmesa.example"),
        ("Oceanic Airlines", "oceanic.example"), ("Dunder Mifflin", "dundermifflin.example"),
        ("Pied Piper", "piedpiper.example"),
        ("Gringotts", "gringotts.example"), ("Monarch Solutions", "monarch.example"),
        ("Nakatomi Trading", "nakatomi.example"),
        ("Blue Sun Corp.", "bluesun.example"), ("Smith, Jones & Partners", "smithjones.example"),
        ("Müller & Söhne GmbH", "mueller-soehne.example"),
        ("Café \"Le Central\"", "lecentral.example"), ("Northwind Traders", "northwind.example"),
        ("Contoso Ltd", "contoso.example"),
        ("Fabrikam, Inc.", "fabrikam.example"), ("Tailspin Toys", "tailspin.example"),
        ("Woodgrove Bank", "woodgrove.example"),
        ("Litware", "litware.example"), ("Proseware", "proseware.example"),
        ("Adventure Works", "adventure-works.example"),
        ("Lucerne Publishing", "lucerne.example"), ("Coho Winery", "coho.example"),
        ("Fourth Coffee", "fourthcoffee.example"),
    ]

    /// Kinds of business for generated company names ("Hayes Logistics").
    static let companyKinds: [String] = [
        "Logistics", "Consulting", "Dental Care", "Plumbing Inc.", "Builders Ltd", "Law Group", "Bakery", "Motors",
        "Insurance Agency", "Design Studio", "Software GmbH", "Realty", "Farms", "Clinic", "Partners LLP", "Electric",
    ]

    /// Private mailbox providers: a person's own address, not an employer's.
    static let personalMail: [String] = [
        "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com",
    ]

    static let titles: [String] = [
        "Sales Manager", "Account Executive", "CEO", "CTO", "Head of Marketing", "Software Engineer", "Office Manager",
        "Procurement Lead", "Director of Operations", "Customer Success Manager", "Consultant", "Buyer", "Founder", "",
    ]

    static let cities: [(String, String, String)] = [
        ("Springfield", "62701", "USA"), ("Portland", "97201", "USA"), ("Austin", "73301", "USA"),
        ("Toronto", "M5H 2N2", "Canada"),
        ("London", "SW1A 1AA", "United Kingdom"), ("Berlin", "10115", "Germany"), ("München", "80331", "Germany"),
        ("Paris", "75001", "France"), ("Lyon", "69001", "France"), ("Zürich", "8001", "Switzerland"),
        ("Wien", "1010", "Austria"),
        ("Madrid", "28001", "Spain"), ("Kraków", "30-001", "Poland"), ("Amsterdam", "1011", "Netherlands"),
        ("Dublin", "D02", "Ireland"),
    ]

    static let streets: [String] = [
        "Main Street", "Oak Avenue", "Maple Drive", "High Street", "Station Road", "Hauptstraße", "Rue de la Paix",
        "Calle Mayor",
        "Church Lane", "Park Road", "Bahnhofstrasse", "Elm Street", "Lake View", "Mill Lane", "Market Square",
    ]

    static let notes: [String] = [
        "", "", "", "Met at the trade fair", "Prefers e-mail, not phone", "Call back in Q3, re: renewal",
        "VIP customer; handle with care", "Referred by \"Big\" Tony", "Line one\nLine two",
        "Spanish speaker, bilingual",
    ]
}
