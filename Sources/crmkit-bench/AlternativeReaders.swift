import CRMImport
import Foundation

/// What a user could read the same file with instead of crmkit, timed by a Python interpreter
/// the user names (`crmkit-bench read --compare PYTHON`): polars and the csv module for CSV,
/// vobject for vCards, lxml's `iterparse` for XML. A library the interpreter lacks is reported
/// as missing, not skipped silently.
enum AlternativeReaders {
    /// Prints one line per alternative: best wall time of `runs` and records per second.
    static func time(format: SourceFormat, path: String, python: String, runs: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, format.rawValue, path, String(max(1, runs))]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            print("  compare: cannot run \(python): \(error.localizedDescription)")
            return
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for line in text.split(separator: "\n") { print("  \(line)") }
    }

    /// Each alternative reads every record and touches it, as `crmkit read --count` does.
    private static let script = """
        import sys, time
        fmt, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
        def timed(name, read):
            best, n = None, 0
            for _ in range(runs):
                t = time.perf_counter(); n = read(); t = time.perf_counter() - t
                best = t if best is None or t < best else best
            print(f"{name:<28} {n:>8} records  best {best:.3f} s = {n / best:>10.0f} rec/s")
        def missing(name, module):
            print(f"{name:<28} not installed (pip install {module})")
        if fmt == "csv":
            try:
                import polars
                timed("polars read_csv (" + polars.__version__ + ")",
                      lambda: polars.read_csv(path, infer_schema_length=0).height)
            except ImportError:
                missing("polars read_csv", "polars")
            import csv
            def python_csv():
                with open(path, newline="", encoding="utf-8") as f:
                    return sum(1 for _ in csv.DictReader(f))
            timed("python csv.DictReader", python_csv)
        elif fmt == "vcard":
            try:
                import vobject
                def cards():
                    with open(path, encoding="utf-8") as f:
                        return sum(1 for _ in vobject.readComponents(f))
                timed("vobject readComponents", cards)
            except ImportError:
                missing("vobject readComponents", "vobject")
        elif fmt == "xml":
            try:
                from lxml import etree
                def records():
                    n, depth = 0, 0
                    for event, element in etree.iterparse(path, events=("start", "end")):
                        if event == "start":
                            depth += 1
                        else:
                            depth -= 1
                            if depth == 1:
                                n += 1
                                element.clear()
                    return n
                timed("lxml iterparse", records)
            except ImportError:
                missing("lxml iterparse", "lxml")
        """
}
