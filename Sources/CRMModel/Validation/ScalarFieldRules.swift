/// Rules of the single-value field types: text, text-area, email, tel, url, number, date, time,
/// datetime.
extension FieldValueValidator {
    static func text(_ value: JSONValue, limit: Int) -> FieldCheck {
        guard case .string(let text) = value else { return wrongType("a string", value) }
        guard text.characterCount(atMost: limit) else {
            return .refused(.tooLong, "\(text.count) characters; at most \(limit) are allowed")
        }
        return FieldCheck(value: value)
    }

    static func email(_ value: JSONValue) -> FieldCheck {
        guard case .string(let raw) = value else { return wrongType("an e-mail address (string)", value) }
        let text = raw.trimmedWhitespace()
        guard EmailSyntax.isValid(text) else {
            return .refused(.invalidFormat, "not an e-mail address (expected local@domain.tld)")
        }
        return FieldCheck(value: .string(text))
    }

    static func telephone(_ value: JSONValue) -> FieldCheck {
        guard case .string(let raw) = value else { return wrongType("a phone number (string)", value) }
        let text = raw.trimmedWhitespace()
        guard TelephoneSyntax.isValid(text) else {
            return .refused(
                .invalidFormat, "not a phone number (3–20 digits, optional +, spaces, - ( ) . and an extension)")
        }
        return FieldCheck(value: .string(text))
    }

    static func url(_ value: JSONValue) -> FieldCheck {
        guard case .string(let text) = value else { return wrongType("a URL (string)", value) }
        guard URLSyntax.isValid(text) else {
            return .refused(.invalidFormat, "not a web address (http(s)://host… or host.tld…, no spaces)")
        }
        return FieldCheck(value: value)
    }

    static func number(_ value: JSONValue) -> FieldCheck {
        switch value {
        case .integer, .double, .string:
            guard let number = DecimalSyntax.number(from: value) else {
                return .refused(.invalidFormat, "not a number (digits, optional - and decimal point)")
            }
            return FieldCheck(value: number)
        default:
            return wrongType("a number", value)
        }
    }

    static func date(_ value: JSONValue) -> FieldCheck {
        guard case .string(let text) = value else { return wrongType("a date (string)", value) }
        guard CalendarSyntax.day(text) != nil else {
            return .refused(.invalidFormat, "not a date (expected YYYY-MM-DD, a real calendar day)")
        }
        return FieldCheck(value: value)
    }

    static func time(_ value: JSONValue) -> FieldCheck {
        guard case .string(let text) = value else { return wrongType("a time (string)", value) }
        guard CalendarSyntax.time(text) != nil else {
            return .refused(.invalidFormat, "not a time (expected HH:MM or HH:MM:SS, 24-hour)")
        }
        return FieldCheck(value: value)
    }

    static func dateTime(_ value: JSONValue) -> FieldCheck {
        guard case .string(let text) = value else { return wrongType("a date and time (string)", value) }
        guard CalendarSyntax.moment(text) != nil else {
            return .refused(.invalidFormat, "not a date and time (expected YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])")
        }
        return FieldCheck(value: value)
    }
}
