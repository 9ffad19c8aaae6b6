namespace Pulumi
{
    /// <summary>A blob or a folder of blobs given to a provider.</summary>
    public abstract class AssetOrArchive
    {
        private protected AssetOrArchive(string sigKey, string propName, object value)
        {
            SigKey = sigKey;
            PropName = propName;
            Value = value;
        }

        internal string SigKey { get; }

        internal string PropName { get; }

        internal object Value { get; }
    }

    /// <summary>A single blob.</summary>
    public abstract class Asset : AssetOrArchive
    {
        private protected Asset(string propName, object value)
            : base("c44067f5952c0a294b673a41bacd8c17", propName, value)
        {
        }
    }

    /// <summary>A blob given as text.</summary>
    public sealed class StringAsset : Asset
    {
        public StringAsset(string text)
            : base("text", text)
        {
        }
    }

    /// <summary>A blob read from a local file.</summary>
    public sealed class FileAsset : Asset
    {
        public FileAsset(string path)
            : base("path", path)
        {
        }
    }

    /// <summary>A blob fetched from a URI.</summary>
    public sealed class RemoteAsset : Asset
    {
        public RemoteAsset(string uri)
            : base("uri", uri)
        {
        }
    }
}
