import CRMModel
import Testing

/// The one "did you mean" rule (subcommands, schema file keys).
@Suite struct SuggestionTests {
    @Test func typosFindTheNameMeant() {
        #expect(Suggestion.closest(to: "requird", among: ["id", "label", "required"]) == ["required"])
        #expect(Suggestion.closest(to: "lable", among: ["id", "label", "value"]) == ["label"])
        #expect(Suggestion.closest(to: "plna", among: ["pull", "plan", "apply", "lint"]) == ["plan"])
        #expect(Suggestion.closest(to: "Contcts", among: ["contacts", "cases"]) == ["contacts"])
    }

    @Test func farWordsFindNothing() {
        #expect(Suggestion.closest(to: "xyzzy", among: ["read", "sample", "schema"]).isEmpty)
        #expect(Suggestion.closest(to: "id", among: ["to"]).isEmpty)
        #expect(Suggestion.hint(for: "zzz", among: ["label"]) == nil)
        #expect(Suggestion.hint(for: "colr", among: ["color", "label"]) == "did you mean 'color'?")
    }

    @Test func transpositionsCountAsOneEdit() {
        #expect(Suggestion.editDistance("categroy", "category") == 1)
        #expect(Suggestion.editDistance("abc", "abc") == 0)
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }
}
