namespace GuaGou.Infrastructure.Documents;

/// <summary>The frame header (SOF) of a JPEG: pixel size and number of colour components.</summary>
internal sealed record JpegFrame(int Width, int Height, int Components);

/// <summary>
/// A small walker over JPEG marker segments (ITU T.81 Annex B): segment lengths are skipped without decoding, and
/// entropy-coded data is scanned for the next marker (FF 00 is a stuffed byte, FF D0–D7 are restart markers).
/// </summary>
internal static class JpegMarkers
{
    private const int Eoi = 0xD9;

    /// <summary>True when the marker structure reaches EOI (end of image) inside the stream.</summary>
    public static async Task<bool> ReachesEndOfImageAsync(Stream stream, CancellationToken ct) =>
        (await WalkAsync(stream, stopAtFrame: false, ct).ConfigureAwait(false)).EndOfImage;

    /// <summary>The first frame header, or null when the stream is not a JPEG or ends before one.</summary>
    public static async Task<JpegFrame?> ReadFrameAsync(Stream stream, CancellationToken ct) =>
        (await WalkAsync(stream, stopAtFrame: true, ct).ConfigureAwait(false)).Frame;

    private static async Task<(bool EndOfImage, JpegFrame? Frame)> WalkAsync(Stream stream, bool stopAtFrame, CancellationToken ct)
    {
        var reader = new Reader(stream);
        if (await reader.ReadByteAsync(ct).ConfigureAwait(false) != 0xFF || await reader.ReadByteAsync(ct).ConfigureAwait(false) != 0xD8)
        {
            return (false, null);
        }

        while (true)
        {
            // Between segments there should be nothing but FF; like libjpeg, tolerate stray bytes by resyncing.
            if (!await reader.SkipToFfAsync(ct).ConfigureAwait(false))
            {
                return (false, null);
            }

            int marker;
            do
            {
                marker = await reader.ReadByteAsync(ct).ConfigureAwait(false);
            }
            while (marker == 0xFF); // fill bytes

            switch (marker)
            {
                case < 0:
                    return (false, null);
                case Eoi:
                    return (true, null);
                case 0x00 or 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7):
                    continue; // stuffed byte or a marker without a length
            }

            var high = await reader.ReadByteAsync(ct).ConfigureAwait(false);
            var low = await reader.ReadByteAsync(ct).ConfigureAwait(false);
            if (high < 0 || low < 0 || (high << 8 | low) < 2)
            {
                return (false, null);
            }

            var payload = (high << 8 | low) - 2;
            if (stopAtFrame && IsStartOfFrame(marker))
            {
                var frame = new byte[6];
                for (var i = 0; i < frame.Length; i++)
                {
                    var b = await reader.ReadByteAsync(ct).ConfigureAwait(false);
                    if (b < 0)
                    {
                        return (false, null);
                    }

                    frame[i] = (byte)b;
                }

                // precision, height (2), width (2), components
                return (false, new JpegFrame(frame[3] << 8 | frame[4], frame[1] << 8 | frame[2], frame[5]));
            }

            if (!await reader.SkipAsync(payload, ct).ConfigureAwait(false))
            {
                return (false, null);
            }

            // After SOS (start of scan) the entropy-coded data follows: the FF search at the top of the loop walks
            // through it to the next real marker, skipping FF 00 and restart markers.
        }
    }

    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static bool IsStartOfFrame(int marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    private sealed class Reader(Stream stream)
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private int position;
        private int length;

        public async ValueTask<int> ReadByteAsync(CancellationToken ct) =>
            await FillAsync(ct).ConfigureAwait(false) ? buffer[position++] : -1;

        public async ValueTask<bool> SkipAsync(long count, CancellationToken ct)
        {
            while (count > 0)
            {
                if (!await FillAsync(ct).ConfigureAwait(false))
                {
                    return false;
                }

                var step = (int)Math.Min(count, length - position);
                position += step;
                count -= step;
            }

            return true;
        }

        /// <summary>Moves to the next FF byte (not consuming it); false at the end of the stream.</summary>
        public async ValueTask<bool> SkipToFfAsync(CancellationToken ct)
        {
            while (await FillAsync(ct).ConfigureAwait(false))
            {
                var found = buffer.AsSpan(position, length - position).IndexOf((byte)0xFF);
                if (found >= 0)
                {
                    position += found;
                    return true;
                }

                position = length;
            }

            return false;
        }

        private async ValueTask<bool> FillAsync(CancellationToken ct)
        {
            if (position < length)
            {
                return true;
            }

            length = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
            position = 0;
            return length > 0;
        }
    }
}
