// swift-tools-version:6.0
//
// Allot: a budget allocation optimizer.
// Copyright (C) 2026 the Allot authors. GPL-3.0-or-later (see LICENSE).

import PackageDescription

let package = Package(
    name: "Allot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "allot", targets: ["allot"]),
        .library(name: "LinearSolver", targets: ["LinearSolver"]),
        // The plan file format (read and validate), which the domain's public API takes.
        .library(name: "PlanFormat", targets: ["PlanFormat"]),
        .library(name: "Allot", targets: ["Allot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // GLPK's C API, from Debian's libglpk-dev (or Homebrew's glpk).
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        // C functions that call GLPK under setjmp, so that GLPK's fatal errors come back
        // as error codes instead of aborting the process.
        .target(name: "CGLPKGuard", dependencies: ["CGLPK"]),
        // A general LP/MIP modelling and solving layer; knows nothing of budgets.
        .target(name: "LinearSolver", dependencies: ["CGLPK", "CGLPKGuard", "CAllotSystem"]),
        // Process-level helpers that must be async-signal-safe: temporary files that an
        // interrupted process removes, closed standard descriptors reopened.
        .target(name: "CAllotSystem"),
        // zlib's inflate and deflate, from Debian's zlib1g-dev (part of macOS's SDK).
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Reading and writing CSV and XLSX files: cells with their types and places; knows
        // nothing of plans.
        .target(name: "Spreadsheet", dependencies: ["CZlib"]),
        // Plan files: bytes to a validated Plan, with errors and warnings that carry their place.
        .target(name: "PlanFormat"),
        // Teams' requests in spreadsheets: the layout, import into a company plan, templates.
        .target(name: "TeamSheets", dependencies: ["PlanFormat", "Spreadsheet"]),
        // The domain: formulation, one solved plan, allocations, explanations as facts.
        .target(name: "Allot", dependencies: ["PlanFormat", "LinearSolver"]),
        // Rendering of allocations and explanations.
        .target(name: "AllotReports", dependencies: ["PlanFormat", "Allot", "LinearSolver", "Spreadsheet", "TeamSheets"]),
        // The command line: arguments, files, exit codes (a library, so that tests can run it).
        .target(
            name: "AllotCommand",
            dependencies: [
                "PlanFormat", "Allot", "AllotReports", "LinearSolver", "CAllotSystem", "Spreadsheet", "TeamSheets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The `allot` executable.
        .executableTarget(name: "allot", dependencies: ["AllotCommand"]),
        // Benchmarks: run in release mode, never as tests.
        .executableTarget(
            name: "allot-bench",
            dependencies: [
                "PlanFormat", "Allot", "AllotReports", "LinearSolver", "Spreadsheet", "TeamSheets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Fuzzing harnesses for libFuzzer (`make fuzz`); a plain build gives a replay stub.
        .executableTarget(name: "allot-fuzz", dependencies: ["PlanFormat", "Allot", "LinearSolver", "Spreadsheet", "TeamSheets"]),
        // Tests: one target per module, each named for the module it tests, and one support
        // target that they all share (Tests/TestSupport: running `allot` in-process, paths in the
        // repository, plan fixtures, plans made in code, a JSON Schema validator, a seeded
        // generator). Fixtures and golden files live in Tests/Fixtures and Tests/Golden and are
        // read by path from the repository root, so no target carries resources.
        //
        // The support target is a regular target, so it is built by every `swift build`,
        // release included, where modules are compiled without testing enabled: it uses only the
        // modules' public API (no `@testable import`) and declares its helpers public. A test
        // target without tests could hold them too, with `@testable import`, but a regular
        // target is what SwiftPM makes for code that other targets import, and it keeps the
        // helpers to what any client of the modules could write. No product names it, so it
        // ships in nothing. Helpers that need a module's internals stay in that module's tests
        // (the words of explanations, in AllotTests); LinearSolverTests keeps its own few, so that
        // the solver's tests build on the solver alone.
        .target(
            name: "TestSupport",
            dependencies: ["PlanFormat", "Allot", "AllotCommand"],
            path: "Tests/TestSupport"),
        .testTarget(name: "LinearSolverTests", dependencies: ["LinearSolver"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"]),
        .testTarget(name: "TeamSheetsTests", dependencies: ["PlanFormat", "Spreadsheet", "TeamSheets", "TestSupport"]),
        .testTarget(name: "PlanFormatTests", dependencies: ["PlanFormat", "TestSupport"]),
        .testTarget(
            name: "AllotTests",
            dependencies: ["PlanFormat", "Allot", "AllotReports", "LinearSolver", "TestSupport"]),
        .testTarget(
            name: "AllotReportsTests",
            dependencies: ["PlanFormat", "Allot", "AllotReports", "AllotCommand", "LinearSolver", "TestSupport"]),
        .testTarget(
            name: "AllotCommandTests",
            dependencies: ["PlanFormat", "Allot", "AllotCommand", "LinearSolver", "TestSupport"]),
    ]
)
