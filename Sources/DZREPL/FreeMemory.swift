import CEditLineShim

/// Hands the allocator's free pages back to the system (glibc's `malloc_trim`; nothing on
/// other C libraries). A freed graph is many small blocks that glibc would otherwise keep.
func releaseFreeMemory() {
    dzshim_release_free_memory()
}
