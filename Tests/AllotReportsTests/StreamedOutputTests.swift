import Testing
import TestSupport
@testable import Allot
@testable import AllotReports
@testable import LinearSolver
@testable import PlanFormat

/// `solve --json` written in pieces, from a program made without names and solved by a solver
/// whose GLPK problem is freed before the allocation is mapped back: the same bytes as the
/// whole document built at once from a program with names.
@Suite struct StreamedOutputTests {
    /// The document's pieces, joined, for a piece size.
    static func written(_ document: JSONDocument, pretty: Bool, chunk: Int) throws -> (text: String, pieces: Int) {
        var text = ""
        var pieces = 0
        try document.write(pretty: pretty, chunk: chunk) {
            text += $0
            pieces += 1
        }
        return (text, pieces)
    }

    /// An object described once for either builder: strings that need escapes, a null, a
    /// number, a nested object (empty for the first), a value member.
    static func object<Builder: JSONObjectBuilder>(_ index: Int, _ builder: Builder) -> Builder {
        var object = builder
        object.add("id", string: "r\(index) \"q\" \u{2028}")
        object.add("none", string: nil)
        object.add("share", number: index == 1 ? nil : Double(index) / 3)
        object.add("above", bool: index == 2)
        object.addObject("impact") { impact in
            for k in 0..<index { impact.add("k\(k)", number: Double(k) * 1e-5) }
        }
        object.add("tail", .array([.number(1), .object([])]))
        return object
    }

    @Test func aDocumentWrittenInPiecesIsTheWholeDocumentSerialized() throws {
        let document = JSONDocument([
            .value("name", .string("Ünïcode \"quoted\" \u{2028} line")),
            .items("empty", count: 0, item: { _ in .null }),
            .items("rows", count: 3, item: { index in
                .object([("at", .number(Double(index) + 0.5)), ("nested", .array([.bool(true), .object([])]))])
            }),
            .value("tail", .array([])),
            .items("strings", count: 2, item: { .string(["é", "€"][$0]) }),
            .objects("objects", count: 3, value: { Self.object($0, JSONObjectValue()).value }, text: { $1 = Self.object($0, $1) }),
        ])
        for pretty in [true, false] {
            let whole = document.value.serialized(pretty: pretty)
            for chunk in [1, 7, 1 << 20] {
                let (text, pieces) = try Self.written(document, pretty: pretty, chunk: chunk)
                #expect(text == whole, "pretty \(pretty), pieces of \(chunk) bytes")
                // Pieces of one byte end after every item and member: no piece splits a character.
                if chunk == 1 { #expect(pieces == 15) } else if chunk == 1 << 20 { #expect(pieces == 1) }
            }
        }
        #expect(try Self.written(JSONDocument([]), pretty: true, chunk: 1).text == "{}\n")
    }

    /// Long arrays of objects are written a block on each of two threads at once: the same
    /// text, for every count around the threshold and the block size, and every piece size.
    @Test func aLongArrayOfObjectsWrittenOnTwoThreadsIsTheSameText() throws {
        let threshold = JSONDocument.objectsWrittenInParallel, block = JSONDocument.objectsPerBlock
        for count in [threshold - 1, threshold, threshold + 2 * block + 5, threshold + block - 1] {
            let document = JSONDocument([
                .value("before", .number(1)),
                .objects("objects", count: count, value: { index in
                    var object = Self.object(index % 7, JSONObjectValue())
                    object.add("at", number: Double(index))
                    return object.value
                }, text: { index, text in
                    text = Self.object(index % 7, text)
                    text.add("at", number: Double(index))
                }),
                .value("after", .array([])),
            ])
            for pretty in [true, false] {
                let whole = document.value.serialized(pretty: pretty)
                for chunk in [1 << 20, 100_000] {
                    let (text, pieces) = try Self.written(document, pretty: pretty, chunk: chunk)
                    #expect(text == whole, "\(count) objects, pretty \(pretty), pieces of \(chunk) bytes")
                    // Streamed: a piece ends after at most two blocks of objects past `chunk`.
                    if chunk == 100_000 { #expect(pieces >= 2) }
                    #expect(pieces >= whole.utf8.count / (chunk + 2 * block * (whole.utf8.count / count)))
                }
            }
        }
    }

    @Test(arguments: Repository.modelFiles)
    func solveJSONInPiecesIsTheAllocationRenderedWhole(_ model: String) throws {
        let load = try PlanReader.read(path: Repository.model(model))
        let kept = try SolvedPlan(load.plan)
        let freed = try SolvedPlan(load.plan, explainable: false)
        let whole = AllocationJSON.render(kept.allocation).serialized()
        let (text, pieces) = try Self.written(AllocationJSON.document(freed.allocation), pretty: true, chunk: 64)
        #expect(text == whole, "\(model)")
        #expect(pieces > 1)
        // Freed, the solver refuses any further use instead of touching freed memory.
        #expect(throws: SolverError.self) { try freed.solver.solve() }
        #expect(try kept.solver.solve().status == kept.base.status)
    }

    @Test(arguments: Repository.modelFiles)
    func aProgramWithoutNamesIsTheProgramWithNamesUnnamed(_ model: String) throws {
        let plan = try PlanReader.read(path: Repository.model(model)).plan
        let named = Formulation(plan).program
        let unnamed = Formulation(plan, names: false).program
        #expect(named.variables.allSatisfy { !$0.name.isEmpty })
        #expect(named.constraints.allSatisfy { !$0.name.isEmpty })
        #expect(unnamed.variables.allSatisfy { $0.name.isEmpty })
        #expect(unnamed.constraints.allSatisfy { $0.name.isEmpty })
        var renamed = named
        for index in renamed.variables.indices { renamed.variables[index].name = "" }
        for index in renamed.constraints.indices { renamed.constraints[index].name = "" }
        #expect(renamed.variables == unnamed.variables)
        #expect(renamed.constraints == unnamed.constraints)
        let elastic = Formulation(plan, elastic: true, names: false).program
        #expect(elastic.variables.count == Formulation(plan, elastic: true).program.variables.count)
        #expect(try Solver(unnamed).solve().objective == (try Solver(named).solve().objective))
    }
}
