import Foundation

/// One identity model for the whole package: the dedupe engine's pair decisions and the importer's
/// matching both ask it whether two records are one person (or organisation).
///
/// It compares every field both sides have (`RecordComparator`), weighs each agreement with the
/// Fellegi–Sunter model, adjusting agreement on a name, e-mail, phone or company by how common that
/// value is (`ValueFrequencies`, seeded with population name frequencies), discounts e-mails and
/// phones that are shared, and then sorts the pair into a band. Hard conflicts (a different given
/// name, a different birth date, different private e-mails) keep a pair out of `link` whatever its
/// score, and `EvidenceGuard` keeps one-sided evidence (names only, identifiers only) out of it too.
public struct IdentityModel: Sendable {
    public let kind: DedupeRecord.Kind
    public let configuration: DedupeConfiguration
    public let frequencies: ValueFrequencies
    /// The weights in use; `nil` when the configuration scores with rules.
    public let model: FellegiSunterModel?
    let preparer: RecordPreparer
    let comparator: RecordComparator

    /// Pseudo-count of population frequencies mixed into data frequencies: a file of ten rows
    /// says little about how common "John" is, a file of a million says everything.
    static let populationWeight = 2_000.0

    /// - Parameter configuration: `nil` takes the defaults for `kind`
    ///   (`DedupeConfiguration()` or `.forOrganizations()`). With `.fellegiSunterEM` scoring the
    ///   built-in priors are used: EM needs a whole data set, which only the engine has.
    public init(
        kind: DedupeRecord.Kind, configuration: DedupeConfiguration? = nil,
        frequencies: ValueFrequencies = ValueFrequencies()
    ) {
        let configuration = configuration ?? (kind == .organization ? .forOrganizations() : DedupeConfiguration())
        let model: FellegiSunterModel?
        switch configuration.scoring {
        case .rules: model = nil
        case .fellegiSunter(let given): model = given
        case .fellegiSunterEM: model = FellegiSunterModel.priors
        }
        self.init(
            kind: kind, configuration: configuration, frequencies: frequencies, model: model, sharedIdentifiers: [])
    }

    /// The engine's form: a model estimated from the data, and identifiers found shared by blocking.
    init(
        kind: DedupeRecord.Kind, configuration: DedupeConfiguration, frequencies: ValueFrequencies,
        model: FellegiSunterModel?, sharedIdentifiers: Set<UInt64>
    ) {
        self.kind = kind
        self.configuration = configuration
        self.frequencies = frequencies
        self.model = model
        preparer = RecordPreparer(
            emailOptions: configuration.emailOptions, defaultPhoneRegion: configuration.defaultPhoneRegion,
            dayFirstDates: configuration.dayFirstDates)
        comparator = RecordComparator(
            fields: configuration.fields,
            sharedIdentifiers: sharedIdentifiers.union(
                frequencies.sharedIdentifiers(threshold: configuration.sharedIdentifierThreshold)))
    }

    /// Pairwise verdict. Deterministic; costs two record preparations and one comparison, so it
    /// can be called per import row × candidate. Callers assessing one record against many can
    /// prepare once with `prepare(_:)` and call `assess(prepared:_:)`.
    public func assess(_ a: DedupeRecord, _ b: DedupeRecord) -> IdentityAssessment {
        assess(prepared: prepare(a), prepare(b))
    }

    public func prepare(_ record: DedupeRecord) -> PreparedRecord { preparer.prepare(record) }

    public func assess(prepared a: PreparedRecord, _ b: PreparedRecord) -> IdentityAssessment {
        let verdict = judge(a, b)
        return IdentityAssessment(
            band: verdict.band, probability: verdict.probability,
            evidence: evidence(verdict, a, b),
            reasons: IdentityReasons.describe(verdict, a, b, frequencies: frequencies))
    }

    /// What the engine needs per pair, without building any text.
    struct Verdict: Sendable {
        var pattern: ComparisonPattern
        var weight: Double
        var probability: Double
        var band: IdentityBand
        var conflicts: IdentityConflicts
        /// Why one-sided evidence kept a high-scoring pair out of `link`.
        var objection: String?
        /// Both hold one personal identifier (`PersonalIdentifier`).
        var sameIdentifier = false
    }

    func judge(_ a: PreparedRecord, _ b: PreparedRecord) -> Verdict {
        judge(a, b, pattern: comparator.compare(a, b))
    }

    /// With the comparison already made (the engine compares every candidate pair once, for EM).
    func judge(_ a: PreparedRecord, _ b: PreparedRecord, pattern compared: ComparisonPattern) -> Verdict {
        let isPerson = a.isPerson && b.isPerson
        var pattern = compared
        var conflicts = IdentityConflicts()
        let sameIdentifier =
            isPerson
            && PersonalIdentifier.isShared(
                a, b, frequencies: frequencies, threshold: configuration.sharedIdentifierThreshold)
        if isPerson {
            conflicts = IdentityConflicts.find(pattern, a, b, sameIdentifier: sameIdentifier)
            // An e-mail or phone held by two people whose given names conflict is a family's or an
            // office's: it says nothing about either being the other. With only the surnames in
            // conflict, a personal address may still be one person's (a marriage, a typo), but
            // a bare first name at a company (`john@acme.com`) is everyone called John there.
            if pattern[.email] == 0,
                conflicts.contains(.givenName)
                    || (conflicts.contains(.familyName) && SharedAddress.isFirstNameAddress(a, b))
            {
                pattern[.email] = nil
                conflicts.insert(.sharedEmail)
                if IdentityConflicts.privateMailboxesDiffer(a, b) { conflicts.insert(.personalEmail) }
            }
            if pattern[.email] == 1, SharedAddress.localPartOnlyRepeatsName(a, b) { pattern[.email] = nil }
            if (pattern[.givenName] ?? 0) >= 2, frequencies.sharesConflictingIdentifier(a, b) {
                conflicts.insert(.sharedInData)
            }
            if pattern[.phone] == 0, conflicts.contains(.givenName) {
                pattern[.phone] = nil
                conflicts.insert(.sharedPhone)
            }
        }
        let weight = matchWeight(pattern, a, b)
        let probability = FellegiSunterModel.probability(weight: weight)
        let objection = configuration.requireCorroboration ? EvidenceGuard.objection(pattern, isPerson: isPerson) : nil
        let band: IdentityBand
        if !configuration.namesVeto {
            band =
                probability >= configuration.threshold && objection == nil
                ? .link
                : probability >= configuration.reviewThreshold ? .review : .distinct
        } else if conflicts.contains(.sharedEmail) && conflicts.contains(.sharedPhone) {
            // One family or office shares a mailbox or a line, rarely both: a mistyped name on
            // one person's record looks like this too, so a human decides.
            band = .review
        } else if conflicts.isHard {
            band = probability >= configuration.threshold && !conflicts.contains(.givenName) ? .review : .distinct
        } else if probability >= configuration.threshold {
            band =
                objection == nil
                    && !(conflicts.contains(.givenNameExcusedByBirthday)
                        && (configuration.birthdayExcusesReviewOnly || conflicts.contains(.ownContactDetails)))
                    && !(conflicts.contains(.familyName)
                        && !SharedAddress.corroboratesOtherSurname(pattern, sameIdentifier: sameIdentifier))
                ? .link : .review
        } else if conflicts.contains(.familyName) && (conflicts.contains(.sharedEmail) || pattern[.email] == 0) {
            // Same given name, same address, another surname: a marriage, a relative or a colleague.
            band = .review
        } else {
            band = probability >= configuration.reviewThreshold ? .review : .distinct
        }
        return Verdict(
            pattern: pattern, weight: weight, probability: probability, band: band, conflicts: conflicts,
            objection: objection, sameIdentifier: sameIdentifier)
    }

    /// Σ field weights + prior, with exact agreement on a value weighed by how common that value is.
    func matchWeight(_ pattern: ComparisonPattern, _ a: PreparedRecord, _ b: PreparedRecord) -> Double {
        guard let model else {
            guard case .rules(let rules) = configuration.scoring else { return -60 }
            return rules.contains { $0.holds(for: pattern) } ? 60 : -60
        }
        var total = model.priorWeight
        for field in ComparisonField.allCases {
            guard let level = pattern[field] else { continue }
            total += fieldWeight(field, level: level, model: model, a, b)
        }
        return total
    }

    func fieldWeight(
        _ field: ComparisonField, level: UInt8, model: FellegiSunterModel, _ a: PreparedRecord, _ b: PreparedRecord
    ) -> Double {
        let plain = model.weight(field, level: level)
        guard level == 0, let share = termFrequency(field, a, b) else { return plain }
        let adjusted = log2(max(model.m[field.rawValue][0], 1e-9) / max(share, 1e-9))
        // A name's weight follows its frequency both ways; a company is only ever weakened by
        // being common (a large employer), never made stronger than the model's exact weight.
        return field.isPersonName ? adjusted : min(plain, adjusted)
    }

    /// Share of records that would agree with `a` on this field's value by chance, or `nil` when
    /// the field is not frequency-adjusted. E-mails and phones are not: the records holding one
    /// address are mostly one person's duplicates, so their count says nothing about chance
    /// agreement; an address that several *people* hold is recognised from their names instead
    /// (`ValueFrequencies.sharedIdentifiers`).
    func termFrequency(_ field: ComparisonField, _ a: PreparedRecord, _ b: PreparedRecord) -> Double? {
        let population: Double
        let occurrences: Int
        let counted: Int
        switch field {
        case .givenName:
            guard a.given.count > 1 else { return nil }
            population = a.givenPopulationShare
            occurrences = frequencies.occurrences(.givenName, a.given)
            counted = frequencies.personCount
        case .familyName:
            population = a.familyPopulationShare
            occurrences = frequencies.occurrences(.familyName, a.family)
            counted = frequencies.personCount
        case .company:
            guard let model else { return nil }
            population = model.u[field.rawValue][0]
            occurrences = frequencies.occurrences(.company, a.company)
            counted = frequencies.personCount + frequencies.organizationCount
        default:
            return nil
        }
        // Occurrences other than `a` itself, mixed with the population figure.
        let others = Double(max(occurrences - 1, 0))
        return (others + Self.populationWeight * population) / (Double(max(counted - 1, 0)) + Self.populationWeight)
    }

    func evidence(_ verdict: Verdict, _ a: PreparedRecord, _ b: PreparedRecord) -> [PairExplanation.Evidence] {
        ComparisonField.allCases.compactMap { field in
            guard let level = verdict.pattern[field] else { return nil }
            let label = field.levelLabels[min(Int(level), field.levelCount - 1)]
            let weight = model.map { fieldWeight(field, level: level, model: $0, a, b) } ?? 0
            return PairExplanation.Evidence(
                field: field.description, level: label, weight: (weight * 1000).rounded() / 1000)
        }
    }
}
