using System.Text;

namespace Retrieval.Text.SentencePiece;

/// <summary>
/// The parts of a SentencePiece <c>ModelProto</c> (the <c>.model</c> file) a tokenizer needs, read straight from the
/// protobuf wire format: the pieces with their scores and types, the model type and special ids (<c>TrainerSpec</c>),
/// and the normalization (<c>NormalizerSpec</c>). Absent fields take the proto's defaults.
/// </summary>
public sealed record SentencePieceProto
{
    /// <summary>The pieces, in id order.</summary>
    public required IReadOnlyList<(string Piece, float Score, SentencePieceType Type)> Pieces { get; init; }

    /// <summary>1 unigram (the default), 2 BPE; 3 word and 4 char are not read.</summary>
    public int ModelType { get; init; } = 1;

    /// <summary>The unknown piece's id.</summary>
    public int UnknownId { get; init; }

    /// <summary>The start piece's id, negative when the model has none.</summary>
    public int StartId { get; init; } = 1;

    /// <summary>The end piece's id, negative when the model has none.</summary>
    public int EndId { get; init; } = 2;

    /// <summary>Whether an unknown character becomes its UTF-8 bytes as &lt;0xXX&gt; pieces.</summary>
    public bool ByteFallback { get; init; }

    /// <summary>The compiled normalization rules (empty: none, the "identity" rule).</summary>
    public byte[] Charsmap { get; init; } = [];

    /// <summary>Whether a "▁" is put before the text.</summary>
    public bool AddDummyPrefix { get; init; } = true;

    /// <summary>Whether spaces at the ends go and runs of them become one.</summary>
    public bool RemoveExtraWhitespaces { get; init; } = true;

    /// <summary>Whether spaces are written as "▁".</summary>
    public bool EscapeWhitespaces { get; init; } = true;

    /// <summary>Reads a <c>.model</c> file's bytes.</summary>
    /// <exception cref="FormatException">The bytes are not a SentencePiece model.</exception>
    public static SentencePieceProto Parse(ReadOnlySpan<byte> data)
    {
        var pieces = new List<(string, float, SentencePieceType)>();
        SentencePieceProto proto = new() { Pieces = pieces };
        var reader = new Reader(data);
        while (reader.More)
        {
            var (field, wire) = reader.Tag();
            switch (field)
            {
                case 1 when wire == 2:
                    pieces.Add(ReadPiece(reader.Bytes()));
                    break;
                case 2 when wire == 2:
                    proto = ReadTrainer(reader.Bytes(), proto);
                    break;
                case 3 when wire == 2:
                    proto = ReadNormalizer(reader.Bytes(), proto);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return pieces.Count > 0 ? proto : throw new FormatException("no pieces: not a SentencePiece model");
    }

    private static (string, float, SentencePieceType) ReadPiece(ReadOnlySpan<byte> data)
    {
        var (piece, score, type) = ("", 0f, SentencePieceType.Normal);
        var reader = new Reader(data);
        while (reader.More)
        {
            var (field, wire) = reader.Tag();
            switch (field)
            {
                case 1 when wire == 2: piece = Encoding.UTF8.GetString(reader.Bytes()); break;
                case 2 when wire == 5: score = reader.Float(); break;
                case 3 when wire == 0: type = (SentencePieceType)reader.Varint(); break;
                default: reader.Skip(wire); break;
            }
        }

        return (piece, score, type);
    }

    private static SentencePieceProto ReadTrainer(ReadOnlySpan<byte> data, SentencePieceProto proto)
    {
        var reader = new Reader(data);
        while (reader.More)
        {
            var (field, wire) = reader.Tag();
            if (wire != 0)
            {
                reader.Skip(wire);
                continue;
            }

            var value = (int)reader.Varint();
            proto = field switch
            {
                3 => proto with { ModelType = value },
                35 => proto with { ByteFallback = value != 0 },
                40 => proto with { UnknownId = value },
                41 => proto with { StartId = value },
                42 => proto with { EndId = value },
                _ => proto,
            };
        }

        return proto;
    }

    private static SentencePieceProto ReadNormalizer(ReadOnlySpan<byte> data, SentencePieceProto proto)
    {
        var reader = new Reader(data);
        while (reader.More)
        {
            var (field, wire) = reader.Tag();
            switch (field)
            {
                case 2 when wire == 2: proto = proto with { Charsmap = reader.Bytes().ToArray() }; break;
                case 3 when wire == 0: proto = proto with { AddDummyPrefix = reader.Varint() != 0 }; break;
                case 4 when wire == 0: proto = proto with { RemoveExtraWhitespaces = reader.Varint() != 0 }; break;
                case 5 when wire == 0: proto = proto with { EscapeWhitespaces = reader.Varint() != 0 }; break;
                default: reader.Skip(wire); break;
            }
        }

        return proto;
    }

    /// <summary>A cursor over protobuf wire-format bytes.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool More => _at < _data.Length;

        public (int Field, int Wire) Tag()
        {
            var tag = Varint();
            return ((int)(tag >> 3), (int)(tag & 7));
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Next();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new FormatException("a varint runs past 64 bits");
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var length = (int)Varint();
            if (length < 0 || _at + length > _data.Length)
            {
                throw new FormatException("a field runs past the end of the file");
            }

            var bytes = _data.Slice(_at, length);
            _at += length;
            return bytes;
        }

        public float Float()
        {
            var value = BitConverter.ToSingle(Fixed(4));
            return value;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: Fixed(8); break;
                case 2: Bytes(); break;
                case 5: Fixed(4); break;
                default: throw new FormatException($"wire type {wire} is not protobuf's");
            }
        }

        private ReadOnlySpan<byte> Fixed(int length)
        {
            if (_at + length > _data.Length)
            {
                throw new FormatException("a field runs past the end of the file");
            }

            var bytes = _data.Slice(_at, length);
            _at += length;
            return bytes;
        }

        private byte Next() => _at < _data.Length ? _data[_at++] : throw new FormatException("the file ends inside a field");
    }
}
