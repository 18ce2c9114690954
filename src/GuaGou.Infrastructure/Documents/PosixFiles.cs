using System.Runtime.InteropServices;

namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// The two file-system guarantees .NET does not offer directly, as plain libc calls (no unsafe code needed):
/// fsync on a directory, and a rename that refuses to replace an existing file atomically.
/// </summary>
internal static class PosixFiles
{
    private const int AtCurrentDirectory = -100; // AT_FDCWD
    private const uint RenameNoReplace = 1; // RENAME_NOREPLACE
    private const int ErrorExists = 17; // EEXIST

    /// <summary>
    /// Syncs a directory, so a rename into it or a new entry in it survives a power cut (POSIX leaves that to the
    /// directory's own fsync; .NET refuses to open a directory as a file). Best effort: nothing on Windows (NTFS
    /// journals metadata) or when libc is not found.
    /// </summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            var fd = NativeMethods.open(directory, 0 /* O_RDONLY */);
            if (fd < 0)
            {
                return;
            }

            _ = NativeMethods.fsync(fd);
            _ = NativeMethods.close(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    /// <summary>
    /// Renames <paramref name="source"/> to <paramref name="target"/>, failing if the target exists — atomically,
    /// where .NET's <c>File.Move(overwrite: false)</c> on Linux checks and then renames. Returns false when the
    /// target exists. Falls back to File.Move where renameat2 is missing (non-Linux, old glibc) or the file
    /// system does not support the flag.
    /// </summary>
    public static bool MoveNoReplace(string source, string target)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (NativeMethods.renameat2(AtCurrentDirectory, source, AtCurrentDirectory, target, RenameNoReplace) == 0)
                {
                    return true;
                }

                var error = Marshal.GetLastPInvokeError();
                if (error == ErrorExists)
                {
                    return false;
                }

                // EINVAL/ENOSYS (flag or call unsupported here) fall through to File.Move; anything else is reported by it.
            }
            catch (EntryPointNotFoundException)
            {
            }
            catch (DllNotFoundException)
            {
            }
        }

        if (File.Exists(target))
        {
            return false;
        }

        File.Move(source, target, overwrite: false);
        return true;
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, CA5392, CA2101, CA1401, IDE1006 // LibraryImport needs AllowUnsafeBlocks; these are plain libc calls.
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int renameat2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
#pragma warning restore SYSLIB1054, CA5392, CA2101, CA1401, IDE1006
    }
}
