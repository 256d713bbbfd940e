import CRMModel
import Foundation
import Testing

@Suite struct JSONValueTests {
    private func decode(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func decodesEveryKindKeepingIntegersApartFromDoubles() throws {
        let value = try decode(#"{"a":null,"b":true,"c":12345678901234,"d":1.5,"e":"x","f":[1,"y"],"g":{}}"#)
        #expect(value["a"] == .null)
        #expect(value["b"] == .bool(true))
        #expect(value["c"] == .integer(12_345_678_901_234))
        #expect(value["d"] == .double(1.5))
        #expect(value["e"] == .string("x"))
        #expect(value["f"] == .array([.integer(1), .string("y")]))
        #expect(value["g"] == .object([:]))
    }

    @Test func booleansAreNotNumbers() throws {
        #expect(try decode("[true, 1, 0]") == .array([.bool(true), .integer(1), .integer(0)]))
    }

    @Test func roundTripsThroughEncoding() throws {
        let text = #"{"amount":25000,"code":"USD","nested":[{"x":-0.25},null,false]}"#
        let value = try decode(text)
        let again = try decode(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
        #expect(again == value)
    }

    @Test func semanticEqualityComparesNumbersByValue() {
        #expect(JSONValue.integer(1).semanticallyEquals(.double(1.0)))
        #expect(!JSONValue.integer(1).semanticallyEquals(.double(1.5)))
        #expect(JSONValue.object(["a": .integer(2)]).semanticallyEquals(.object(["a": .double(2)])))
        #expect(!JSONValue.object(["a": .integer(2)]).semanticallyEquals(.object(["b": .integer(2)])))
    }

    @Test func emptinessAsACRMUserMeansIt() {
        #expect(JSONValue.string("  ").isEmptyValue)
        #expect(JSONValue.array([]).isEmptyValue)
        #expect(JSONValue.null.isEmptyValue)
        #expect(!JSONValue.integer(0).isEmptyValue)
        #expect(!JSONValue.bool(false).isEmptyValue)
    }
}
