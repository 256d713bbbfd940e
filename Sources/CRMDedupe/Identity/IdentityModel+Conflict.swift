/// The question an importer asks before it keeps two records apart or merges them through a third:
/// not "is the evidence strong enough?" (the band answers that) but "does it contradict?".
extension IdentityModel {
    /// Whether the evidence between `a` and `b` *contradicts* their being one (a different given
    /// name, birth date or private e-mail), as opposed to being merely too weak to say.
    public func contradicts(_ a: DedupeRecord, _ b: DedupeRecord) -> Bool {
        judge(prepare(a), prepare(b)).conflicts.isHard
    }
}
