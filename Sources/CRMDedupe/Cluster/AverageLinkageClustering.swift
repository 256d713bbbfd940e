/// Groups linked pairs into clusters without letting one weak link chain two people together.
///
/// Step 1: connected components of the links. Step 2: inside every component of three or more
/// records, every pair is scored (components are small, so this is cheap) and the component is
/// rebuilt by average-linkage agglomeration — start from singletons, repeatedly merge the two
/// sub-clusters with the highest mean pairwise match probability, stop when no mean reaches
/// `clusterThreshold`. A bridge record that links strongly to A and weakly to B's members keeps
/// A and B apart because the mean across A×B is low, while a genuine cluster whose members differ
/// pairwise (a typo here, a missing field there) stays together because its mean is high.
/// Components larger than `maximumComponent` are split first by keeping only links at or above
/// the (higher) `threshold`, which is what the pairwise pass would also conclude at that size.
public struct AverageLinkageClustering: Sendable {
    public var clusterThreshold: Double
    public var maximumComponent: Int

    public init(clusterThreshold: Double = 0.5, maximumComponent: Int = 400) {
        self.clusterThreshold = clusterThreshold
        self.maximumComponent = maximumComponent
    }

    /// Connected components of `links` over `count` records, singletons omitted.
    public static func components(count: Int, links: [(Int, Int)]) -> [[Int]] {
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for (a, b) in links {
            let ra = find(a), rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var groups: [Int: [Int]] = [:]
        for (a, b) in links {
            for x in [a, b] { groups[find(x), default: []].append(x) }
        }
        return groups.values.map { Array(Set($0)).sorted() }.sorted { $0[0] < $1[0] }
    }

    /// Splits one component; `probability(i, j)` scores any two members.
    public func split(_ members: [Int], probability: (Int, Int) -> Double) -> [[Int]] {
        guard members.count > 2 else { return [members] }
        let n = members.count
        var p = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let value = probability(members[i], members[j])
                p[i][j] = value
                p[j][i] = value
            }
        }
        var clusters: [[Int]] = (0..<n).map { [$0] }
        // sum[a][b]: total probability between clusters a and b; averages come from sizes.
        var sum = p
        while clusters.count > 1 {
            var best = (-1.0, 0, 0)
            for a in 0..<clusters.count {
                for b in (a + 1)..<clusters.count {
                    let mean = sum[a][b] / Double(clusters[a].count * clusters[b].count)
                    if mean > best.0 { best = (mean, a, b) }
                }
            }
            guard best.0 >= clusterThreshold else { break }
            let (_, a, b) = best
            clusters[a].append(contentsOf: clusters[b])
            for c in 0..<clusters.count where c != a && c != b {
                sum[a][c] += sum[b][c]
                sum[c][a] = sum[a][c]
            }
            clusters.remove(at: b)
            sum.remove(at: b)
            for row in sum.indices { sum[row].remove(at: b) }
        }
        return clusters.map { $0.map { members[$0] }.sorted() }.sorted { $0[0] < $1[0] }
    }
}
