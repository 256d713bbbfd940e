/// Small address books in legacy encodings, with real names in each script: what encoding
/// detection is tested and measured on (a handful of rows is what real exports often hold).
public enum EncodedAddressBooks {
    /// Names per encoding, seven per book.
    public static let names: [(SourceEncoding, [String])] = [
        (.shiftJIS, ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健太", "渡辺 さくら", "伊藤 翔太"]),
        (.eucJP, ["小林 直樹", "加藤 由美", "吉田 大輔", "山本 あゆみ", "中村 拓也", "松本 恵子", "井上 和夫"]),
        (.gb18030, ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏"]),
        (.big5, ["陳美玲", "林志明", "黃淑芬", "張家豪", "李雅婷", "王建國", "吳俊傑"]),
        (.eucKR, ["김민준", "이서연", "박지훈", "최수빈", "정예은", "강동현", "조하은"]),
        (
            .windows1251,
            [
                "Иван Петров", "Мария Смирнова", "Алексей Кузнецов", "Ольга Попова", "Дмитрий Васильев",
                "Наталья Соколова", "Сергей Михайлов",
            ]
        ),
        (
            .windows1253,
            [
                "Γιώργος Παπαδόπουλος", "Μαρία Κωνσταντίνου", "Νίκος Γεωργίου", "Ελένη Δημητρίου", "Κώστας Νικολάου",
                "Σοφία Ιωάννου", "Δημήτρης Αλεξίου",
            ]
        ),
        (
            .latin2,
            [
                "Łukasz Wiśniewski", "Małgorzata Dąbrowska", "Paweł Wójcik", "Jiří Dvořák", "Tomáš Novotný",
                "Zuzana Růžičková", "Katarzyna Kamińska",
            ]
        ),
        (
            .windows1252,
            [
                "François Dupont", "Jürgen Müller", "José García", "Søren Jørgensen", "Zoë Brontë", "Åsa Lindqvist",
                "Renée Lefèvre",
            ]
        ),
        (.utf16LE, ["山田 太郎", "Иван Петров", "François Dupont", "김민준", "Γιώργος Παπαδόπουλος", "陳美玲", "Jiří Dvořák"]),
        // Beyond the ten: more of what detection claims to know.
        (
            .koi8R,
            [
                "Иван Петров", "Мария Смирнова", "Алексей Кузнецов", "Ольга Попова", "Дмитрий Васильев",
                "Наталья Соколова", "Сергей Михайлов",
            ]
        ),
        (
            .windows1250,
            [
                "Łukasz Wiśniewski", "Małgorzata Dąbrowska", "Paweł Wójcik", "Jiří Dvořák", "Tomáš Novotný",
                "Zuzana Růžičková", "Katarzyna Kamińska",
            ]
        ),
        (
            .iso88597,
            [
                "Γιώργος Παπαδόπουλος", "Μαρία Κωνσταντίνου", "Νίκος Γεωργίου", "Ελένη Δημητρίου", "Κώστας Νικολάου",
                "Σοφία Ιωάννου", "Δημήτρης Αλεξίου",
            ]
        ),
        (
            .windows1254,
            ["Ahmet Yılmaz", "Ayşe Kaya", "Mehmet Öztürk", "Fatma Şahin", "Mustafa Çelik", "Emine Doğan", "Ali Yıldız"]
        ),
        (
            .macRoman,
            [
                "François Dupont", "Jürgen Müller", "José García", "Søren Jørgensen", "Zoë Brontë", "Åsa Lindqvist",
                "Renée Lefèvre",
            ]
        ),
        (.utf16BE, ["山田 太郎", "Иван Петров", "François Dupont", "김민준", "Γιώργος Παπαδόπουλος", "陳美玲", "Jiří Dvořák"]),
    ]

    /// The ten encodings of the reference set (the first ten of `names`).
    public static var referenceSet: [(SourceEncoding, [String])] { Array(names.prefix(10)) }

    /// A CSV address book of `rows` rows (names cycled) as text: header, then name, e-mail,
    /// phone, city.
    public static func csvText(_ names: [String], rows: Int) -> String {
        var lines = ["name,email,phone,city"]
        for i in 0..<rows {
            lines.append("\(names[i % names.count]),user\(i)@example.com,+1 555 010\(i % 10),Town \(i)")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The CSV address book encoded in `encoding` (nil when a name cannot be written in it).
    public static func csvBytes(_ encoding: SourceEncoding, _ names: [String], rows: Int) -> [UInt8]? {
        encoding.encode(csvText(names, rows: rows))
    }
}
