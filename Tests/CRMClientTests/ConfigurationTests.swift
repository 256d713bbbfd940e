import CRMClient
import Foundation
import Testing

@Suite struct ConfigurationTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("crmkit-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func writeProfiles(_ text: String, mode: Int) throws -> String {
        let path = directory.appendingPathComponent("config.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    let profiles = """
        default-profile: prod
        profiles:
          prod:
            base-url: https://crm.example.com
            api-key: prod-key
            api-key-secondary: prod-key-2
          scratch:
            sandbox: /tmp/scratch.sqlite
        """

    @Test func nothingConfiguredMeansTheEmbeddedSandbox() throws {
        let resolver = ConnectionResolver(
            flags: .init(), environment: [:], profileFilePath: directory.path + "/none.yaml")
        #expect(try resolver.resolve() == .sandbox(path: ".crmkit/sandbox.sqlite", isDefault: true))
    }

    @Test func flagsWinOverEnvironmentWhichWinsOverProfile() throws {
        let path = try writeProfiles(profiles, mode: 0o600)
        let environment = ["CRM_BASE_URL": "https://env.example.com", "CRM_API_KEY": "env-key"]
        let fromFlags = ConnectionResolver(
            flags: .init(baseURL: "https://flag.example.com", apiKey: "flag-key"), environment: environment,
            profileFilePath: path)
        #expect(
            try fromFlags.resolve()
                == .remote(baseURL: "https://flag.example.com", apiKey: "flag-key", secondaryAPIKey: nil))
        let fromEnvironment = ConnectionResolver(flags: .init(), environment: environment, profileFilePath: path)
        #expect(
            try fromEnvironment.resolve()
                == .remote(baseURL: "https://env.example.com", apiKey: "env-key", secondaryAPIKey: nil))
        let fromDefaultProfile = ConnectionResolver(flags: .init(), environment: [:], profileFilePath: path)
        #expect(
            try fromDefaultProfile.resolve()
                == .remote(baseURL: "https://crm.example.com", apiKey: "prod-key", secondaryAPIKey: "prod-key-2"))
        let namedByEnvironment = ConnectionResolver(
            flags: .init(), environment: ["CRMKIT_PROFILE": "scratch"], profileFilePath: path)
        #expect(try namedByEnvironment.resolve() == .sandbox(path: "/tmp/scratch.sqlite", isDefault: false))
        let sandboxFlag = ConnectionResolver(
            flags: .init(sandbox: "s.sqlite"), environment: environment, profileFilePath: path)
        #expect(try sandboxFlag.resolve() == .sandbox(path: "s.sqlite", isDefault: false))
    }

    @Test func aProfileFileOthersCanReadIsRefused() throws {
        let path = try writeProfiles(profiles, mode: 0o644)
        let resolver = ConnectionResolver(flags: .init(profile: "prod"), environment: [:], profileFilePath: path)
        let error = #expect(throws: ConfigurationError.self) { try resolver.resolve() }
        #expect(error?.message.contains("chmod 600") == true)
        #expect(error?.message.contains("prod-key") == false)
    }

    @Test func unknownProfileAndMissingKeyAreExplained() throws {
        let path = try writeProfiles(profiles, mode: 0o600)
        let unknown = ConnectionResolver(flags: .init(profile: "staging"), environment: [:], profileFilePath: path)
        let error = #expect(throws: ConfigurationError.self) { try unknown.resolve() }
        #expect(error?.message.contains("prod, scratch") == true)
        let keyless = ConnectionResolver(
            flags: .init(baseURL: "https://x.example.com"), environment: [:], profileFilePath: path)
        let keyError = #expect(throws: ConfigurationError.self) { try keyless.resolve() }
        #expect(keyError?.message.contains("CRM_API_KEY") == true)
        let both = ConnectionResolver(flags: .init(baseURL: "https://x.example.com", sandbox: "s"), environment: [:])
        #expect(throws: ConfigurationError.self) { try both.resolve() }
    }
}
