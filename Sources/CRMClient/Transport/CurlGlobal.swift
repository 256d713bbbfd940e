import CCurl

/// libcurl's global state must be initialised once, before any thread uses it.
enum CurlGlobal {
    private static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    /// Safe to call from any thread: Swift runs a static initialiser exactly once.
    static func ensureInitialised() -> Bool { initialised }
}
