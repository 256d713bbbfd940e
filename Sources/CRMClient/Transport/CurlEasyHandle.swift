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

    deinit { curl_easy_cleanup(raw) }

    /// Sets every option of `transfer` on the handle. The body is not copied: curl reads it from
    /// the request's `Data`, which the transfer keeps alive until it ends.
    func configure(for transfer: CurlTransfer) {
        let request = transfer.request
        let options = transfer.options
        curl_easy_reset(raw)
        _ = ccurl_setopt_string(raw, CURLOPT_URL, request.url)
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

        let transferPointer = Unmanaged.passUnretained(transfer).toOpaque()
        _ = ccurl_setopt_write_function(raw, { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            let length = size * count
            Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().body
                .append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
            return length
        })
        _ = ccurl_setopt_pointer(raw, CURLOPT_WRITEDATA, transferPointer)
        _ = ccurl_setopt_header_function(raw, { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            let length = size * count
            Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
                .receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length))
            return length
        })
        _ = ccurl_setopt_pointer(raw, CURLOPT_HEADERDATA, transferPointer)

        // An empty `Expect:` stops curl from waiting for a 100-continue some servers never send.
        var headerList: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        transfer.headerList = headerList
        _ = ccurl_setopt_slist(raw, CURLOPT_HTTPHEADER, headerList)
        setMethodAndBody(of: transfer)
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
        _ = ccurl_setopt_read_function(raw, { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
                .readBody(into: UnsafeMutableRawPointer(buffer), capacity: size * count)
        })
        _ = ccurl_setopt_pointer(raw, CURLOPT_READDATA, transferPointer)
        _ = ccurl_setopt_seek_function(raw, { userdata, offset, origin in
            guard let userdata, origin == SEEK_SET else { return 1 /* CURL_SEEKFUNC_FAIL */ }
            return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().rewindBody(to: Int(offset)) ? 0 : 1
        })
        _ = ccurl_setopt_pointer(raw, CURLOPT_SEEKDATA, transferPointer)
        _ = ccurl_setopt_string(raw, CURLOPT_CUSTOMREQUEST, method)
    }

    /// Runs the transfer to completion on the calling thread (`curl_easy_perform`), for
    /// `BlockingCurlTransport`.
    func perform(_ transfer: CurlTransfer) -> Result<HTTPResponse, TransportError> {
        configure(for: transfer)
        defer {
            curl_slist_free_all(transfer.headerList)
            transfer.headerList = nil
        }
        return result(of: transfer, code: curl_easy_perform(raw))
    }

    /// The outcome once curl says the transfer is done.
    func result(of transfer: CurlTransfer, code: CURLcode) -> Result<HTTPResponse, TransportError> {
        guard code == CURLE_OK else {
            var requestBytes = 0
            _ = ccurl_getinfo_long(raw, CURLINFO_REQUEST_SIZE, &requestBytes)
            return .failure(TransportError(
                code: Int(code.rawValue),
                message: String(cString: curl_easy_strerror(code)),
                requestMayHaveBeenSent: requestBytes > 0 && !Self.failedBeforeSending(code),
                isTimeout: code == CURLE_OPERATION_TIMEDOUT))
        }
        var status = 0
        _ = ccurl_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: transfer.headers, body: transfer.body))
    }

    /// Errors that happen before a single byte of the request can have reached the server.
    private static func failedBeforeSending(_ code: CURLcode) -> Bool {
        [CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
         CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_SSL_CONNECT_ERROR,
         CURLE_PEER_FAILED_VERIFICATION].contains(code)
    }
}
