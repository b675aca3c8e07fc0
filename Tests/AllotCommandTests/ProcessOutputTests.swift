import Foundation
import Testing
import TestSupport

@testable import AllotCommand
import LinearSolver
@testable import PlanFormat

/// The built `allot` run as a separate process from a shell, as a user runs it: what a shell sees
/// of exit codes, standard output and files when outputs are full, closed, pipes, devices,
/// symlinks, or the input itself.
@Suite(.serialized) struct ProcessOutputTests {
    /// The `allot` built beside the test bundle.
    static let binary: String = {
        let bundle = Bundle.main.bundlePath.hasSuffix(".xctest") ? Bundle.main.bundlePath : CommandLine.arguments[0]
        var folder = bundle
        while !folder.isEmpty, !FileManager.default.fileExists(atPath: folder + "/allot") {
            guard let slash = folder.lastIndex(of: "/") else { break }
            folder = String(folder[..<slash])
        }
        return folder + "/allot"
    }()

    struct Run {
        let code: Int32
        let out: String
        let err: String
    }

    /// Runs a shell script with `$ALLOT`, `$MODELS` and `$DIR` (a scratch folder) set, every
    /// signal at its default action and none blocked (a test runner may ignore some, and children
    /// would inherit that).
    static func shell(_ script: String, in directory: String) throws -> Run {
        let capture = try Scratch()
        let outPath = capture.path + "/out", errPath = capture.path + "/err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var environment = ProcessInfo.processInfo.environment
        environment["ALLOT"] = binary
        environment["MODELS"] = Repository.root + "/models"
        environment["DIR"] = directory
        let words = ["/bin/sh", "-c", script]
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Run(code: (status >> 8) & 0xff, out: out, err: err)
    }

    @Test func theBinaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "no allot at \(Self.binary)")
    }

    @Test func aFullDiskOnStandardOutputIsAnIOError() throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else { return }
        let scratch = try Scratch()
        let run = try Self.shell(#""$ALLOT" solve --json "$MODELS/northwind.json" > /dev/full; echo "code $?""#, in: scratch.path)
        #expect(run.out == "code 74\n")
        #expect(run.err.contains("allot: cannot write to standard output: No space left on device"))
    }

    @Test func aClosedStandardOutputStopsBeforeAnyWork() throws {
        let scratch = try Scratch()
        let run = try Self.shell(#""$ALLOT" solve --json "$MODELS/northwind.json" >&-; echo "code $?" >&2"#, in: scratch.path)
        #expect(run.err.contains("allot: standard output is closed"))
        #expect(run.err.hasSuffix("code 74\n"))
        // A command that writes only files does not need it; and a file it opens does not become
        // descriptor 1 (nothing of the report lands in a stray place).
        let report = try Self.shell(#""$ALLOT" report "$MODELS/northwind.json" -o "$DIR/r.csv" >&-; echo "code $?" >&2"#, in: scratch.path)
        #expect(report.err.hasSuffix("code 0\n"))
        #expect(try String(contentsOfFile: scratch.path + "/r.csv", encoding: .utf8).hasPrefix("team_id,"))
    }

    @Test func aBrokenPipeEndsQuietlyWith141() throws {
        let scratch = try Scratch()
        let run = try Self.shell(
            #"( "$ALLOT" explain "$MODELS/northwind.json" 2> "$DIR/err"; echo $? > "$DIR/code" ) | true; cat "$DIR/code" "$DIR/err""#,
            in: scratch.path)
        #expect(run.out == "141\n")
    }

    @Test func aFIFOAndADeviceAreWrittenInPlace() throws {
        let scratch = try Scratch()
        let run = try Self.shell(
            #"""
            mkfifo "$DIR/pipe" && cat "$DIR/pipe" > "$DIR/got" & sleep 0.2
            "$ALLOT" export "$MODELS/northwind.json" --lp "$DIR/pipe"; echo "code $?"; wait
            [ -p "$DIR/pipe" ] && echo "still a fifo"
            "$ALLOT" export "$MODELS/northwind.json" --mps /dev/null; echo "code $?"
            [ -c /dev/null ] && echo "still a device"
            """#, in: scratch.path)
        #expect(run.out == "code 0\nstill a fifo\ncode 0\nstill a device\n")
        let lp = try String(contentsOfFile: scratch.path + "/got", encoding: .utf8)
        #expect(lp.contains("Maximize"))
    }

    @Test func aSymlinkIsFollowedAndAFilesModeIsKept() throws {
        let scratch = try Scratch()
        let run = try Self.shell(
            #"""
            echo old > "$DIR/real.csv" && chmod 600 "$DIR/real.csv" && ln -s real.csv "$DIR/link.csv"
            "$ALLOT" report "$MODELS/northwind.json" -o "$DIR/link.csv" 2>/dev/null; echo "code $?"
            [ -L "$DIR/link.csv" ] && echo "still a link"
            stat -c %a "$DIR/real.csv"
            ls -a "$DIR" | grep -c tmp
            """#, in: scratch.path)
        #expect(run.out == "code 0\nstill a link\n600\n0\n")
        #expect(try String(contentsOfFile: scratch.path + "/real.csv", encoding: .utf8).hasPrefix("team_id,"))
    }

    @Test func anInputIsNeverAnOutput() throws {
        let scratch = try Scratch()
        let plan = scratch.path + "/plan.json"
        try FileManager.default.copyItem(atPath: Repository.model("northwind.json"), toPath: plan)
        let original = try Data(contentsOf: URL(fileURLWithPath: plan))
        let run = try Self.shell(
            #"""
            ln -s plan.json "$DIR/alias.lp"; ln "$DIR/plan.json" "$DIR/hard.csv"
            "$ALLOT" export "$DIR/plan.json" --lp "$DIR/plan.json"; echo "code $?"
            "$ALLOT" export "$DIR/plan.json" --lp "$DIR/alias.lp"; echo "code $?"
            "$ALLOT" report "$DIR/plan.json" -o "$DIR/hard.csv"; echo "code $?"
            "$ALLOT" solve "$DIR/plan.json" >> "$DIR/plan.json"; echo "code $?" >&2
            """#, in: scratch.path)
        #expect(run.out == "code 64\ncode 64\ncode 64\n")
        #expect(run.err.contains("standard output is the plan file \(plan) itself"))
        #expect(run.err.hasSuffix("code 64\n"))
        #expect(run.err.contains("--lp \(plan) is the plan file \(plan) itself"))
        #expect(run.err.contains("--lp \(scratch.path)/alias.lp is the plan file \(plan) itself"))
        #expect(run.err.contains("-o \(scratch.path)/hard.csv is the plan file \(plan) itself"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: plan)) == original)
    }

    @Test func aKilledRunLeavesNoTemporaryFile() throws {
        let scratch = try Scratch()
        // The -o file is opened before the work starts, so the temporary file exists while the
        // plan is explained; SIGTERM then must remove it.
        let run = try Self.shell(
            #"""
            "$ALLOT" report "$MODELS/northwind.json" -o "$DIR/report.html" 2>/dev/null & pid=$!
            i=0; while [ $i -lt 500 ] && ! ls -a "$DIR" | grep -q tmp; do sleep 0.01; i=$((i+1)); done
            ls -a "$DIR" | grep -c tmp
            kill -TERM $pid; wait $pid; echo "code $?"
            ls -a "$DIR" | grep -c -v '^\.\.\?$'
            """#, in: scratch.path)
        #expect(run.out == "1\ncode 143\n0\n")
    }

    @Test func everyExitCodeIsReachable() throws {
        let scratch = try Scratch()
        let run = try Self.shell(
            #"""
            "$ALLOT" solve "$MODELS/northwind.json" >/dev/null 2>&1; echo $?
            "$ALLOT" solve "$MODELS/infeasible.json" >/dev/null 2>&1; echo $?
            "$ALLOT" solve --bogus >/dev/null 2>&1; echo $?
            printf '{"name": 1}' > "$DIR/bad.json"; "$ALLOT" check "$DIR/bad.json" >/dev/null 2>&1; echo $?
            "$ALLOT" check "$DIR/absent.json" >/dev/null 2>&1; echo $?
            "$ALLOT" report "$MODELS/northwind.json" -o "$DIR/none/r.md" >/dev/null 2>&1; echo $?
            "$ALLOT" solve "$MODELS/northwind.json" >&- 2>/dev/null; echo $?
            """#, in: scratch.path)
        #expect(run.out == "0\n1\n64\n65\n66\n73\n74\n")
        // 70: what no input should cause; the tool maps an unexpected failure to it.
        let captured = Captured()
        let console = Console(out: { captured.out += $0 }, err: { captured.err += $0 })
        #expect(AllotTool.report(SolverError(.solverAborted, "GLPK stopped"), console: console) == 70)
        #expect(captured.err == "allot: GLPK stopped\n")
        #expect(ExitCode.allCases.map(\.rawValue) == [0, 1, 64, 65, 66, 70, 73, 74, 141])
    }

    @Test func aHardIntegerPlanFinishesWithinTwoSecondsOfItsTimeLimit() throws {
        let scratch = try Scratch()
        let clock = ContinuousClock()
        let start = clock.now
        let run = try Self.shell(
            #""$ALLOT" solve "$MODELS/../Tests/Fixtures/hard-integer.json" --time-limit 5; echo "code $?""#, in: scratch.path)
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(7), "\(elapsed)")
        #expect(run.out.hasSuffix("code 0\n"))
        #expect(run.out.contains("not proven optimal") || run.out.contains("best found"))
    }

    @Test func completionScriptsNameEverySubcommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = runAllot(["--generate-completion-script", shell])
            #expect(result.code == 0)
            for command in AllotTool.subcommandNames {
                #expect(result.out.contains(command), "\(shell) completion lacks \(command)")
            }
            #expect(result.out.contains("time-limit"))
        }
        #expect(AllotTool.subcommandNames == ["check", "solve", "explain", "cuts", "compare", "report", "export", "fix", "import", "template", "lp"])
    }
}
