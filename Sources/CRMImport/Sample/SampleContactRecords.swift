import CRMDedupe

extension SampleContact {
    /// The contact as the dedupe engine sees it, field for field as `mappings/sample-contacts.yaml`
    /// maps it, so benchmarks and tests can skip writing and reading a file.
    public func dedupeRecord(index: Int) -> DedupeRecord {
        func value(_ text: String) -> String? { text.isEmpty ? nil : text }
        let number = street.split(separator: " ", maxSplits: 1)
        return DedupeRecord(
            index: index, givenName: value(firstName), familyName: value(lastName),
            emails: [email, email2].filter { !$0.isEmpty }, phones: [phone, mobile].filter { !$0.isEmpty },
            company: value(company), jobTitle: value(title),
            streetNumber: number.count == 2 && number[0].allSatisfy(\.isNumber) ? String(number[0]) : nil,
            addressLine1: number.count == 2 ? String(number[1]) : value(street),
            city: value(city), postcode: value(postalCode), country: value(country))
    }
}

extension SampleGenerator {
    /// `count` contacts as engine records with their ground truth (cluster per record).
    public static func dedupeSet(count: Int, duplicateRate: Double = 0.1, seed: UInt64 = 1) -> (
        records: [DedupeRecord], truth: GroundTruth
    ) {
        var generator = SampleGenerator(count: count, duplicateRate: duplicateRate, seed: seed)
        var records: [DedupeRecord] = []
        records.reserveCapacity(count)
        var clusterOf: [Int: String] = [:]
        while let contact = generator.next() {
            clusterOf[records.count] = String(contact.clusterID)
            records.append(contact.dedupeRecord(index: records.count))
        }
        return (records, GroundTruth(clusterOf: clusterOf))
    }
}
