using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace GuaGou.Infrastructure.Identity;

/// <summary>
/// Refuses passwords that are common or easy to guess (ASVS 2.1.7) without imposing composition rules: a password is
/// refused when it is, apart from at most <see cref="MaxUnexplainedCharacters"/> characters, made only of pieces from
/// lists that crackers try first — well-known passwords and words (password, woaini, iloveyou…), keyboard runs
/// (qwertyuiop, 1qaz2wsx…), digit runs (123456…, 888888…), number phrases (520, 1314), years, and the user name.
/// "qwertyuiop12", "woaini1314520", "password1234", "123456789012" and the user name are refused; a sentence is not.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "PasswordTooCommon";

    /// <summary>Characters a password may have beyond common pieces and still be refused (e.g. "password-1!").</summary>
    public const int MaxUnexplainedCharacters = 3;

    /// <summary>Whole passwords and words seen at the top of leaked-password lists (Chinese sites' lists included).</summary>
    private static readonly string[] CommonPieces =
    [
        // words and whole passwords
        "password", "passwd", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "pwd", "admin", "administrator", "root",
        "user", "test", "guest", "welcome", "letmein", "login", "master", "super", "superman", "secret", "changeme",
        "default", "iloveyou", "loveyou", "love", "woaini", "aini", "woaiwojia", "woaiwoma", "wangyi", "qq",
        "monkey", "dragon", "football", "baseball", "sunshine", "shadow", "princess", "abc", "abcd", "abcdef",
        "abcdefg", "abcdefgh", "abcdefghijklmnopqrstuvwxyz", "aaa", "china", "zhongguo", "beijing", "shanghai",
        "hello", "helloworld", "trustno1", "nihao", "zhangwei", "wangwei", "liwei", "woshishui", "wodemima", "mima",
        "kouling", "yonghu", "guanliyuan", "xitong", "system", "computer", "internet", "qwe", "asd", "zxc",
        // keyboard runs
        "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwerty", "qwer", "asdf", "zxcv", "qazwsx", "qazwsxedc",
        "qazwsxedcrfv", "1qaz2wsx", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "zaq12wsx", "zaq1xsw2", "!qaz@wsx", "1q2w3e4r",
        "1q2w3e4r5t", "1q2w3e4r5t6y", "1q2w3e", "q1w2e3r4", "qweasd", "qweasdzxc", "asdfgh", "zxcvbn", "poiuytrewq",
        "lkjhgfdsa", "mnbvcxz",
        // number phrases: 520/521 (我爱你), 1314 (一生一世), 5201314, keypad shapes
        "520", "521", "1314", "5201314", "1314520", "147258369", "159357", "741852963", "147258", "258369", "369258",
        "789456123", "123456789", "987654321", "0123456789", "1234567890", "9876543210", "168", "888", "666",
    ];

    private static readonly string[] Pieces = CommonPieces.OrderByDescending(p => p.Length).ToArray();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(password is not null && IsCommon(password, user.UserName)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "密码过于常见或容易被猜到（如 123456789012、qwertyuiop12、woaini1314、password1234，或包含用户名），请换一个只有您知道的长句。",
            })
            : IdentityResult.Success);
    }

    /// <summary>True when all but a few characters of the password are common pieces, runs, years or the user name.</summary>
    public static bool IsCommon(string password, string? userName)
    {
        ArgumentNullException.ThrowIfNull(password);
        var text = new string(password.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)).ToArray());
        var name = userName?.Trim().ToLowerInvariant() ?? string.Empty;
        if (text.Length == 0 || (name.Length >= 3 && text == name))
        {
            return true;
        }

        // unexplained[i]: the fewest characters of text[i..] that no piece covers.
        var unexplained = new int[text.Length + 1];
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var best = unexplained[i + 1] + 1;
            foreach (var length in PieceLengthsAt(text, i, name))
            {
                best = Math.Min(best, unexplained[i + length]);
            }

            unexplained[i] = best;
        }

        return unexplained[0] <= MaxUnexplainedCharacters;
    }

    private static IEnumerable<int> PieceLengthsAt(string text, int start, string userName)
    {
        foreach (var piece in Pieces)
        {
            if (string.CompareOrdinal(text, start, piece, 0, piece.Length) == 0 && start + piece.Length <= text.Length)
            {
                yield return piece.Length;
            }
        }

        if (userName.Length >= 3 && start + userName.Length <= text.Length
            && string.CompareOrdinal(text, start, userName, 0, userName.Length) == 0)
        {
            yield return userName.Length;
        }

        // The same character three or more times: 000000, aaaa, !!!!
        var repeated = 1;
        while (start + repeated < text.Length && text[start + repeated] == text[start])
        {
            repeated++;
        }

        if (repeated >= 3)
        {
            yield return repeated;
        }

        // Ascending or descending runs of three or more digits or letters (wrapping 9→0): 345678901, 87654, abcde.
        foreach (var step in (int[])[1, -1])
        {
            var run = 1;
            while (start + run < text.Length && Follows(text[start + run - 1], text[start + run], step))
            {
                run++;
            }

            if (run >= 3)
            {
                yield return run;
            }
        }

        // A year 1900–2099.
        if (start + 4 <= text.Length
            && int.TryParse(text.AsSpan(start, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 1900 and <= 2099)
        {
            yield return 4;
        }
    }

    private static bool Follows(char previous, char next, int step)
    {
        if (char.IsAsciiDigit(previous) && char.IsAsciiDigit(next))
        {
            return (previous - '0' + step + 10) % 10 == next - '0';
        }

        return char.IsAsciiLetterLower(previous) && char.IsAsciiLetterLower(next) && previous + step == next;
    }
}
