import Testing
@testable import CRMModel
@testable import CRMImport

/// The shortcuts of the faster mapping (issue 5) answer exactly what the plain code answers.
@Suite struct TextShortcutTests {
    /// The fold as it was written before the "already folded" checks: by Characters.
    static func plainFold(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }

    static let texts = [
        "", " ", "a", "Ada Lovelace", " Ada", "Ada ", "Ada  Lovelace", "Ada\tLovelace", "Ada\r\nLovelace",
        "\u{00A0}Zoë", "Zoë Ångström",
        "Zoë\u{00A0}Ångström", "Zoë  Ångström", "José \u{0301}María", "José\u{0301} María", "a \u{0301}", "\u{0301}a b",
        "Ünal",
        "Ünal ", "李 小龙", "李\u{3000}小龙", "a\u{2028}b", "e\u{0301} e", "x \u{200D}y", "x\u{0085}y",
        " Jane \t\n  Q.\u{00A0} Doe ", "  Zoë", "a  ü", "🇫🇷 Paris", "Ana \u{FF9E}x", "a \u{0E33}", "Éric Ørsted",
        "Ωmega Σ", "ǅemal ǅ", "a \u{1F3FB}", "👩‍💻 dev",
    ]

    @Test(arguments: texts) func foldingGivesThePlainFold(_ text: String) {
        #expect(text.foldingWhitespace() == Self.plainFold(text))
        #expect(Array(text.foldingWhitespace().utf8) == Array(Self.plainFold(text).utf8))
    }

    @Test(arguments: texts + ["ADA@X.IO", "ada@x.io", "Straße", "İstanbul", "ÅSA", "mixed Case 123"])
    func lowercasingGivesTheStandardLowercasing(_ text: String) {
        #expect(Array(text.lowercasedUnlessLower().utf8) == Array(text.lowercased().utf8))
    }

    @Test func preparedOptionsNameTheSameOptionsAsThePlainSearch() throws {
        let options = [
            FormOption("plain"), FormOption(id: "eng", label: "Engineering"), FormOption(id: "Sales", label: "Revenue"),
            FormOption(id: "rev", label: "sales"), try #require(FormOption(json: ["value": "v1"])),
            try #require(FormOption(json: ["label": "Only Label"])), FormOption("Z\u{FC}rich"),
        ]
        var odd = FormOption("odd")
        odd.json = .integer(3)
        let all = options + [odd]
        let prepared = PreparedOptions(all)
        for text in [
            "plain", "PLAIN", "eng", "ENG", "engineering", "Sales", "sales", "SALES", "revenue", "v1", "only label", "",
            "3", "odd", "Zu\u{308}rich",
        ] {
            // Byte for byte: `==` would also take a canonically equivalent spelling as the same.
            let expected = FieldValueValidator.optionID(naming: text, in: all).map { Array($0.utf8) }
            #expect(prepared.id(naming: text).map { Array($0.utf8) } == expected, "\(text)")
        }
    }

    @Test func splittingGivesTheGenericSplitTrimmed() {
        let texts = [
            "", ";", "VIP", "VIP;Partner", ";;a;;b;;", "a; b ;c", "aaa", "a\r\nb", "a\nb", "Zoë;Åsa", "a;\u{0301}b",
            "x, y,, z", "one--two---three", " VIP ; \tPartner\t;  ; x", "\t", "a ;b\t",
        ]
        for text in texts {
            for separator in [";", ",", "aa", "--", "\n", "; ", "é"] {
                let generic = text.split(separator: separator, omittingEmptySubsequences: true)
                    .map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
                var pieces = ["before"]
                Transform.appendPieces(of: text, separatedBy: separator, to: &pieces)
                #expect(
                    pieces == ["before"] + generic,
                    "\(text.debugDescription) by \(separator.debugDescription)")
            }
        }
    }

    /// Templates are rendered and folded in one pass; the result is the plain fold of the parts
    /// joined (for values that are not blank), whatever the parts hold.
    @Test func templatesRenderAsThePlainFoldOfTheJoinedParts() throws {
        let location = MappingLocation(file: "t.yaml", line: 1, column: 1)
        let template = try Template.parse("{{A}} {{B}}\u{00A0}{{C}}", at: location).get()
        let mapper = Mapper(mapping: try parseMapping("target: contact\nfields:\n  name: A\n"))
        let values = Self.texts + ["Ana", "\u{0301}", "\u{0600}", "\u{0600}x", "x\u{0600}", "李", "\u{200D}", " ", "\t"]
        for a in values {
            for b in ["", "Zoë", " Ünal ", "\u{0301}María", "x"] {
                for c in ["", "Öberg", "\u{0600}", "\u{FF9E}"] {
                    let parts = [a, b, c].map { $0.isBlank ? "" : $0 }
                    let expected =
                        parts.allSatisfy(\.isEmpty)
                        ? "" : Self.plainFold(parts[0] + " " + parts[1] + "\u{00A0}" + parts[2])
                    let rendered = mapper.render(template, record([("A", a), ("B", b), ("C", c)]))
                    #expect(
                        Array(rendered.utf8) == Array(expected.utf8),
                        "\(a.debugDescription) \(b.debugDescription) \(c.debugDescription)")
                }
            }
        }
    }

    /// A template over a CSV row (its values in the row's batch) renders as over the same values
    /// held as fields, with its columns found by name, at their position in the header, and at a
    /// position that is no longer theirs.
    @Test func templatesOverCSVRowsRenderAsOverFields() throws {
        let location = MappingLocation(file: "t.yaml", line: 1, column: 1)
        let byName = try Template.parse("{{A}} {{B}}\u{00A0}{{C}} {{D}}", at: location).get()
        var atPosition = byName, misplaced = byName
        for (index, part) in byName.parts.enumerated() {
            guard case .column(var column) = part else { continue }
            let position = ["A": 1, "B": 2, "C": 3, "D": 5][column.name]
            column.position = position
            atPosition.parts[index] = .column(column)
            column.position = position.map { $0 - 1 }
            misplaced.parts[index] = .column(column)
        }
        let mapper = Mapper(mapping: try parseMapping("target: contact\nfields:\n  name: A\n"))
        let values =
            Self.texts + ["Ana", "\u{0301}", "\u{0600}x", "李", " ", "\t", "Zoë", " Ünal ", "a\r\nb", "x,\"y\""]
        var rows: [[String]] = []
        for a in values {
            for b in ["", "Zoë", "\u{0301}María", "x"] {
                for c in ["", "Öberg", "\u{FF9E}", " "] { rows.append([a, b, c]) }
            }
        }
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var file = "id,A,B,C,E\n"
        for (index, row) in rows.enumerated() {
            file += "\(index)," + row.map(quoted).joined(separator: ",") + ",e\n"
        }
        var reader = try CSVReader(bytes: Array(file.utf8), name: "names.csv")
        var read = 0
        while let event = try reader.next() {
            guard case .record(let row) = event else { continue }
            let values = rows[read]
            let fields = record([("A", values[0]), ("B", values[1]), ("C", values[2])])
            let expected = mapper.render(byName, fields)
            for template in [byName, atPosition, misplaced] {
                #expect(
                    Array(mapper.render(template, row).utf8) == Array(expected.utf8),
                    "\(values.map(\.debugDescription))")
            }
            read += 1
        }
        #expect(read == rows.count)
    }

    /// Dates written digit by digit read as the padded parts joined did, and years the digits
    /// cannot hold are still written the old way.
    @Test func dateTextIsThePaddedParts() {
        for year in [0, 5, 99, 999, 1984, 2024, 9999, 10_000, -1] {
            for (month, day) in [(1, 1), (2, 29), (12, 31), (10, 9)] {
                var parsed = DatePattern.Parsed()
                parsed.year = year
                parsed.month = month
                parsed.day = day
                #expect(parsed.dateText == pad4(year) + "-" + pad2(month) + "-" + pad2(day))
            }
        }
    }
}
