import CCurl
import Foundation

/// One libcurl easy handle, reused across transfers to save its allocations. Connections live in
/// the multi handle's pool (keep-alive), not here. Used only on the driver's thread.
final class CurlEasyHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init?() {
        guard CurlGlobal.ensureInitialised(), let raw = curl_easy_init() else { return nil }
        self.raw = raw
    }

    deinit {
        curl_easy_cleanup(raw)
        curl_slist_free_all(headerList)
    }

    /// The header list set on the handle and the headers it was built from: requests of one
    /// client carry the same few headers, so the list is rebuilt only when they change rather than
    /// allocated and freed on every request. Owned by the handle; freed on rebuild and in `deinit`.
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var headerListSource: [(name: String, value: String)] = []
    /// The options the constant settings were last made with, or nil after a reset.
    private var constantSettings: CurlTransport.Options?
    /// True when the last transfer was a plain GET, so no method or body option is set and the
    /// next GET can reuse every option but its URL and callback data instead of resetting them.
    private var lastWasPlainGet = false

    /// Sets every option of `transfer` on the handle. The body is not copied: curl reads it from
    /// the request's `Data`, which the transfer keeps alive until it ends. A GET after a GET sets
    /// only what changes (URL, callback data, headers if other); anything else starts from
    /// `curl_easy_reset`, as every option set for a method or body must be cleared.
    func configure(for transfer: CurlTransfer) {
        let request = transfer.request
        let options = transfer.options
        let plainGet = request.method == "GET"
        if !(plainGet && lastWasPlainGet && constantSettings.map({ Self.same($0, options) }) == true) {
            curl_easy_reset(raw)
            setConstantOptions(options)
            if plainGet { _ = ccurl_setopt_long(raw, CURLOPT_HTTPGET, 1) }
            headerListSource = []
            freeHeaderList()
        }
        lastWasPlainGet = plainGet
        _ = ccurl_setopt_string(raw, CURLOPT_URL, request.url)
        let transferPointer = Unmanaged.passUnretained(transfer).toOpaque()
        _ = ccurl_setopt_pointer(raw, CURLOPT_WRITEDATA, transferPointer)
        _ = ccurl_setopt_pointer(raw, CURLOPT_HEADERDATA, transferPointer)
        if headerList == nil || !Self.same(headerListSource, request.headers) {
            freeHeaderList()
            // An empty `Expect:` stops curl from waiting for a 100-continue some servers never send.
            var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
            for header in request.headers {
                list = curl_slist_append(list, "\(header.name): \(header.value)")
            }
            headerList = list
            headerListSource = request.headers
            _ = ccurl_setopt_slist(raw, CURLOPT_HTTPHEADER, list)
        }
        if !plainGet { setMethodAndBody(of: transfer) }
    }

    /// The options every transfer shares, set once after each reset.
    private func setConstantOptions(_ options: CurlTransport.Options) {
        constantSettings = options
        _ = ccurl_setopt_long(raw, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(raw, CURLOPT_TCP_KEEPALIVE, 1)
        _ = ccurl_setopt_long(raw, CURLOPT_TCP_NODELAY, 1)
        // Verification stays on; there is deliberately no option to turn it off.
        _ = ccurl_setopt_long(raw, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(raw, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_setopt_long(raw, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds)
        _ = ccurl_setopt_long(raw, CURLOPT_TIMEOUT_MS, options.totalTimeoutMilliseconds)
        // "" lets curl offer every encoding it can decode (gzip, deflate) and decode the answer.
        _ = ccurl_setopt_string(raw, CURLOPT_ACCEPT_ENCODING, "")
        _ = ccurl_setopt_string(raw, CURLOPT_USERAGENT, options.userAgent)
        _ = ccurl_setopt_write_function(
            raw,
            { buffer, size, count, userdata in
                guard let buffer, let userdata else { return 0 }
                let length = size * count
                Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().body
                    .append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
                return length
            })
        _ = ccurl_setopt_header_function(
            raw,
            { buffer, size, count, userdata in
                guard let buffer, let userdata else { return 0 }
                let length = size * count
                Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
                    .receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length))
                return length
            })
    }

    private func freeHeaderList() {
        curl_slist_free_all(headerList)
        headerList = nil
    }

    private static func same(_ a: CurlTransport.Options, _ b: CurlTransport.Options) -> Bool {
        a.connectTimeoutMilliseconds == b.connectTimeoutMilliseconds
            && a.totalTimeoutMilliseconds == b.totalTimeoutMilliseconds && a.userAgent == b.userAgent
    }

    private static func same(_ a: [(name: String, value: String)], _ b: [(name: String, value: String)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    private func setMethodAndBody(of transfer: CurlTransfer) {
        let method = transfer.request.method
        switch method {
        case "GET": _ = ccurl_setopt_long(raw, CURLOPT_HTTPGET, 1)
        case "HEAD": _ = ccurl_setopt_long(raw, CURLOPT_NOBODY, 1)
        default: _ = ccurl_setopt_string(raw, CURLOPT_CUSTOMREQUEST, method)
        }
        guard method != "GET", method != "HEAD" else { return }
        guard let body = transfer.request.body else {
            if method != "DELETE" {
                _ = ccurl_setopt_off(raw, CURLOPT_POSTFIELDSIZE_LARGE, 0)
                _ = ccurl_setopt_string(raw, CURLOPT_POSTFIELDS, "")
            }
            return
        }
        // The body is streamed: curl pulls it in chunks straight from the request's `Data` into its
        // send buffer, and can rewind it when it must resend on a fresh connection.
        let transferPointer = Unmanaged.passUnretained(transfer).toOpaque()
        _ = ccurl_setopt_long(raw, CURLOPT_POST, 1)
        _ = ccurl_setopt_off(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        _ = ccurl_setopt_read_function(
            raw,
            { buffer, size, count, userdata in
                guard let buffer, let userdata else { return 0 }
                return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
                    .readBody(into: UnsafeMutableRawPointer(buffer), capacity: size * count)
            })
        _ = ccurl_setopt_pointer(raw, CURLOPT_READDATA, transferPointer)
        _ = ccurl_setopt_seek_function(
            raw,
            { userdata, offset, origin in
                guard let userdata, origin == SEEK_SET else { return 1 /* CURL_SEEKFUNC_FAIL */ }
                return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().rewindBody(to: Int(offset))
                    ? 0 : 1
            })
        _ = ccurl_setopt_pointer(raw, CURLOPT_SEEKDATA, transferPointer)
        _ = ccurl_setopt_string(raw, CURLOPT_CUSTOMREQUEST, method)
    }

    /// Runs the transfer to completion on the calling thread (`curl_easy_perform`), for
    /// `BlockingCurlTransport`.
    func perform(_ transfer: CurlTransfer) -> Result<HTTPResponse, TransportError> {
        configure(for: transfer)
        return result(of: transfer, code: curl_easy_perform(raw))
    }

    /// The outcome once curl says the transfer is done.
    func result(of transfer: CurlTransfer, code: CURLcode) -> Result<HTTPResponse, TransportError> {
        guard code == CURLE_OK else {
            var requestBytes = 0
            _ = ccurl_getinfo_long(raw, CURLINFO_REQUEST_SIZE, &requestBytes)
            return .failure(
                TransportError(
                    code: Int(code.rawValue),
                    message: String(cString: curl_easy_strerror(code)),
                    requestMayHaveBeenSent: code == CURLE_SEND_FAIL_REWIND
                        || (requestBytes > 0 && !Self.failedBeforeSending(code)),
                    isTimeout: code == CURLE_OPERATION_TIMEDOUT))
        }
        var status = 0
        _ = ccurl_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: transfer.headers, body: transfer.body))
    }

    /// Errors that happen before a single byte of the request can have reached the server.
    private static func failedBeforeSending(_ code: CURLcode) -> Bool {
        [
            CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
            CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_SSL_CONNECT_ERROR,
            CURLE_PEER_FAILED_VERIFICATION,
        ].contains(code)
    }
}
