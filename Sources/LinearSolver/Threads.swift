import CGLPKGuard

/// Thread housekeeping for GLPK.
public enum SolverThreads {
    /// Frees the calling thread's GLPK memory. Call it at the end of a worker thread that solved
    /// programs; every solver created on this thread becomes unusable.
    public static func releaseResources() {
        allot_guard_release_thread()
    }
}
