import ArgumentParser
import CRMDedupe
import CRMImport
import Foundation

/// Runs `body`, turning the errors that mean "an input file is wrong" (mapping, truth, source
/// file) into their one-line diagnostic on stderr and exit code 64, the usage-error code of the
/// CLI contract. Other errors pass through unchanged.
func exitingOnInputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as MappingError {
        Output.diagnostic(error.description)
    } catch let error as SourceReadError {
        Output.diagnostic(error.description)
    } catch let error as DedupeError {
        Output.diagnostic(error.description)
    }
    throw ExitCode(64)
}
