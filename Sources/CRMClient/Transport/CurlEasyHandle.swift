import CCurl
import Foundation

/// One libcurl easy handle. Reusing it keeps its connection alive across requests (keep-alive);
/// it must be used by one thread at a time, which `CurlTransport`'s pool guarantees.
final class CurlEasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer

    init?() {
        guard CurlGlobal.ensureInitialised(), let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// Blocks the calling thread until the exchange completes or fails.
    func perform(_ request: HTTPRequest, options: CurlTransport.Options) throws(TransportError) -> HTTPResponse {
        curl_easy_reset(handle)
        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()

        _ = ccurl_setopt_string(handle, CURLOPT_URL, request.url)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, options.totalTimeoutMilliseconds)
        _ = ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = ccurl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        _ = ccurl_setopt_write_function(handle, { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            let length = size * count
            Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue().body
                .append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
            return length
        })
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        _ = ccurl_setopt_header_function(handle, { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            let length = size * count
            let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
            Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue().receiveHeaderLine(line)
            return length
        })
        _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)

        // An empty `Expect:` stops curl from waiting for a 100-continue some servers never send.
        var headerList: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        defer { curl_slist_free_all(headerList) }
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        let code: CURLcode = withBody(request) {
            curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            throw TransportError(
                code: Int(code.rawValue),
                message: "\(request.method) \(CurlEasyHandle.redactedPath(request.url)): \(String(cString: curl_easy_strerror(code)))",
                requestMayHaveBeenSent: !CurlEasyHandle.failedBeforeSending(code),
                isTimeout: code == CURLE_OPERATION_TIMEDOUT)
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// Sets the method and body, keeping the body's bytes alive while curl reads them.
    private func withBody(_ request: HTTPRequest, _ perform: () -> CURLcode) -> CURLcode {
        switch request.method {
        case "GET":
            _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case "HEAD":
            _ = ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)
        default:
            _ = ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        guard let body = request.body else {
            if request.method != "GET" && request.method != "HEAD" && request.method != "DELETE" {
                _ = ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, 0)
                _ = ccurl_setopt_string(handle, CURLOPT_POSTFIELDS, "")
            }
            return perform()
        }
        return body.withUnsafeBytes { bytes in
            _ = ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)))
            if request.method != "POST" {
                _ = ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
            }
            return perform()
        }
    }

    /// Errors that happen before a single byte of the request can have reached the server.
    private static func failedBeforeSending(_ code: CURLcode) -> Bool {
        [CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
         CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_SSL_CONNECT_ERROR,
         CURLE_PEER_FAILED_VERIFICATION].contains(code)
    }

    /// The path of a URL without its query, for messages (queries may hold search terms).
    static func redactedPath(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return components.path
    }
}

/// Collects a response's body and headers from curl's callbacks.
private final class ResponseSink {
    var body = Data()
    var headers: [String: String] = [:]

    func receiveHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers.removeAll()  // a new response (after a redirect or 100 Continue) starts
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        headers[name] = value
    }
}
