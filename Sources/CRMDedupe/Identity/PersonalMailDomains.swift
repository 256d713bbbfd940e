/// Mail providers whose addresses belong to one private person. Two records whose addresses at
/// such providers all differ are very likely two people: a person keeps one private mailbox for
/// years, while a work address at another domain says nothing (people change jobs).
enum PersonalMailDomains {
    static let domains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "outlook.com", "live.com", "msn.com",
        "aol.com", "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "gmx.com", "gmx.de",
        "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.ru", "yandex.com", "comcast.net", "verizon.net",
        "att.net", "sbcglobal.net", "btinternet.com", "orange.fr", "free.fr", "laposte.net", "qq.com",
        "163.com", "126.com", "fastmail.com", "zoho.com", "bigpond.com", "optusnet.com.au", "shaw.ca",
        "rogers.com", "t-online.de", "libero.it", "virgilio.it", "seznam.cz", "wp.pl", "onet.pl",
    ]

    static func isPersonal(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        return domains.contains(String(address[address.index(after: at)...]))
    }
}
