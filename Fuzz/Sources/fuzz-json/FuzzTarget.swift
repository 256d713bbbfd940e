import CRMModel
import FuzzSupport

/// The JSON parser the client uses on API answers, on any body a hostile or broken server could
/// send (deep nesting, huge numbers, invalid UTF-8, truncation). A `JSONParser.Failure` with its
/// offset inside the body is the accepted refusal. A value it accepts must write as text that
/// parses back and writes the same again (the writer's form is a fixed point).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let value: JSONValue
    do {
        value = try JSONParser.parse(bytes)
    } catch {
        guard error.offset >= 0, error.offset <= bytes.count else {
            fuzzFinding("failure offset \(error.offset) outside a body of \(bytes.count) bytes")
        }
        return 0
    }
    let text = JSONWriter.text(value)
    do {
        let again = JSONWriter.text(try JSONParser.parse(Array(text.utf8)))
        guard again == text else { fuzzFinding("written twice, the value changes:\n\(text)\n\(again)") }
    } catch {
        fuzzFinding("the writer's text does not parse: \(error)\n\(text)")
    }
    return 0
}
