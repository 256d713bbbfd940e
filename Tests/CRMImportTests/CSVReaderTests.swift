import Testing
@testable import CRMImport
