namespace AnHop.Media.Sfu;

public enum MediaKind
{
    Audio,
    Video,
}
