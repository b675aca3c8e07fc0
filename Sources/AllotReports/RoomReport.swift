import Allot
import PlanFormat

/// `allot explain --within`: the room to negotiate, in words and as JSON.
package enum RoomReport {
    package static func text(_ room: RoomToNegotiate, allocation: Allocation) -> String {
        let plan = allocation.plan
        let words = Words(plan: plan)
        let f = words.format
        let proposed = Dictionary(allocation.requests.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [String] = [""]
        lines.append(AllocationText.wrap(
            "Room to negotiate, within \(f.percent(room.tolerance)) of the best value (\(f.money(room.valueTolerance)) of value): "
                + "the least and the most each team can get among allocations worth at least that much. Each range holds for "
                + "that team alone, with the others free: moving two teams to their ends at once may not be possible, or may "
                + "cost more than \(f.percent(room.tolerance)).", width: 100))
        var table = TextTable(
            headers: ["Team", "Proposed", "Least", "Most", "The most is paid by"], alignments: [.left, .right, .right, .right, .left])
        for range in room.teams {
            let amount = plan.teams.first { $0.id == range.id }.map { team in
                team.requests.reduce(0) { $0 + (proposed[$1.id]?.allocated ?? 0) }
            } ?? 0
            let payers = range.most.paidBy.filter { $0.change < 0 }.sorted { $0.change < $1.change }.prefix(3)
                .map { "\(words.teamName($0.team)) \(f.money($0.change))" }.joined(separator: ", ")
            table.add([
                words.teamName(range.id), f.money(amount), bound(range.least, f, at: "at least"), bound(range.most, f, at: "at most"),
                payers.isEmpty ? "—" : payers,
            ])
        }
        lines.append(table.render(indent: "  "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// An end of a range; one not proven (an integer plan's search stopped) says "at least" or
    /// "at most", the side on which the true end lies.
    static func bound(_ end: RoomToNegotiate.End, _ f: Format, at word: String) -> String {
        end.proven ? f.money(end.amount) : "\(word) \(f.money(end.amount))"
    }

    package static func json(_ room: RoomToNegotiate) -> JSONValue {
        func end(_ end: RoomToNegotiate.End) -> JSONValue {
            .object([
                ("amount", .number(end.amount)),
                ("proven", .bool(end.proven)),
                ("attainedBy", .object(end.attainedBy.keys.sorted().map { ($0, .number(end.attainedBy[$0]!)) })),
                ("paidBy", .array(end.paidBy.map { .object([("team", .string($0.team)), ("change", .number($0.change))]) })),
            ])
        }
        func range(_ range: RoomToNegotiate.Range) -> JSONValue {
            .object([("id", .string(range.id)), ("least", end(range.least)), ("most", end(range.most))])
        }
        return .object([
            ("tolerance", .number(room.tolerance)),
            ("valueTolerance", .number(room.valueTolerance)),
            ("jointlyAttainable", .bool(false)),
            ("teams", .array(room.teams.map(range))),
            ("requests", .array(room.requests.map(range))),
        ])
    }
}
