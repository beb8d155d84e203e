namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// Recognises the first packet of a keyframe from the RTP payload alone, without depacketizing, so that a
/// consumer switches simulcast layer or starts only where the receiver's decoder can start.
/// </summary>
public static class KeyframeDetector
{
    public static VideoCodec CodecOf(string mimeType) => mimeType.ToUpperInvariant() switch
    {
        "VIDEO/VP8" => VideoCodec.Vp8,
        "VIDEO/VP9" => VideoCodec.Vp9,
        "VIDEO/H264" => VideoCodec.H264,
        _ => VideoCodec.Unknown,
    };

    /// <summary>True when <paramref name="payload"/> starts a keyframe. False on anything short or malformed.</summary>
    public static bool IsKeyframeStart(VideoCodec codec, ReadOnlySpan<byte> payload) => codec switch
    {
        VideoCodec.Vp8 => IsVp8KeyframeStart(payload),
        VideoCodec.Vp9 => IsVp9KeyframeStart(payload),
        VideoCodec.H264 => IsH264KeyframeStart(payload),
        _ => false,
    };

    // RFC 7741 §4.2 payload descriptor, then §4.3 payload header of the first partition:
    //      0 1 2 3 4 5 6 7
    //     +-+-+-+-+-+-+-+-+
    //     |X|R|N|S|R| PID | (REQUIRED)
    //     +-+-+-+-+-+-+-+-+
    // X:  |I|L|T|K| RSV   | (OPTIONAL)
    //     +-+-+-+-+-+-+-+-+
    // I:  |M| PictureID   | (OPTIONAL, 7 or 15 bits by M)
    //     +-+-+-+-+-+-+-+-+
    // L:  |   TL0PICIDX   | (OPTIONAL)
    //     +-+-+-+-+-+-+-+-+
    // T/K:|TID|Y| KEYIDX  | (OPTIONAL)
    //     +-+-+-+-+-+-+-+-+
    // payload header:
    //     |Size0|H| VER |P|   P = 0 on a key frame (inverse key frame flag)
    public static bool IsVp8KeyframeStart(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        var first = payload[0];
        var startOfPartition = (first & 0x10) != 0;
        var partitionIndex = first & 0x07;
        if (!startOfPartition || partitionIndex != 0)
        {
            return false;
        }

        var offset = 1;
        if ((first & 0x80) != 0)
        {
            if (payload.Length <= offset)
            {
                return false;
            }

            var extension = payload[offset++];
            if ((extension & 0x80) != 0)
            {
                if (payload.Length <= offset)
                {
                    return false;
                }

                offset += (payload[offset] & 0x80) != 0 ? 2 : 1;
            }

            if ((extension & 0x40) != 0)
            {
                offset++;
            }

            if ((extension & 0x30) != 0)
            {
                offset++;
            }
        }

        return payload.Length > offset && (payload[offset] & 0x01) == 0;
    }

    // RFC 9628 §4.2 flexible/non-flexible payload descriptor, first octet:
    //      0 1 2 3 4 5 6 7
    //     +-+-+-+-+-+-+-+-+
    //     |I|P|L|F|B|E|V|Z| (REQUIRED)
    //     +-+-+-+-+-+-+-+-+
    // I:  |M| PICTURE ID  | (M = 1: 15 bits)
    // L:  | TID |U| SID |D|
    // A keyframe starts where B = 1 (start of frame), P = 0 (not inter-picture predicted) and, with
    // layer indices, in the lowest spatial layer (SID = 0) that does not depend on another layer.
    public static bool IsVp9KeyframeStart(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        var first = payload[0];
        var interPredicted = (first & 0x40) != 0;
        var startOfFrame = (first & 0x08) != 0;
        if (interPredicted || !startOfFrame)
        {
            return false;
        }

        if ((first & 0x20) == 0)
        {
            return true;
        }

        var offset = 1;
        if ((first & 0x80) != 0)
        {
            if (payload.Length <= offset)
            {
                return false;
            }

            offset += (payload[offset] & 0x80) != 0 ? 2 : 1;
        }

        if (payload.Length <= offset)
        {
            return false;
        }

        var layer = payload[offset];
        return ((layer >> 1) & 0x07) == 0 && (layer & 0x01) == 0;
    }

    // RFC 6184 §5.2–5.8: the NAL unit type is the low 5 bits of the first octet. An IDR slice (5) or a
    // sequence parameter set (7) starts a keyframe, sent alone, in a STAP-A (24) aggregate, or as the first FU-A (28) fragment.
    public static bool IsH264KeyframeStart(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        var type = payload[0] & 0x1F;
        switch (type)
        {
            case 5:
            case 7:
                return true;
            case 24:
                var offset = 1;
                while (offset + 2 < payload.Length)
                {
                    var size = (payload[offset] << 8) | payload[offset + 1];
                    var nal = payload[offset + 2] & 0x1F;
                    if (nal is 5 or 7)
                    {
                        return true;
                    }

                    offset += 2 + size;
                }

                return false;
            case 28:
                return payload.Length >= 2 && (payload[1] & 0x80) != 0 && (payload[1] & 0x1F) is 5 or 7;
            default:
                return false;
        }
    }
}
