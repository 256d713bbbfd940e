import Foundation

/// CPU time of this process and of the sandbox child, read separately: the machine is shared
/// and client and server compete for the same cores, so wall time alone cannot say which side
/// an import is limited by.
struct CPUTime: Sendable {
    var user: Double
    var system: Double

    var total: Double { user + system }

    static func - (lhs: CPUTime, rhs: CPUTime) -> CPUTime {
        CPUTime(user: lhs.user - rhs.user, system: lhs.system - rhs.system)
    }

    /// This process so far (getrusage: every thread, including libcurl's driver thread).
    static func ofSelf() -> CPUTime {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return CPUTime(
            user: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
            system: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6)
    }

    /// A running child's utime and stime from `/proc/PID/stat` (fields 14 and 15, in clock
    /// ticks); nil where there is no procfs. The fields are counted after the `)` that ends the
    /// command name, which may itself hold spaces.
    static func ofProcess(_ pid: Int32) -> CPUTime? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // After ")": state is field 3, so utime (14) and stime (15) are at offsets 11 and 12.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticks > 0 else { return nil }
        return CPUTime(user: user / ticks, system: system / ticks)
    }
}

/// Seconds of a `Duration`, for printing.
func durationSeconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
