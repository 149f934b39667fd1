using System.Numerics;

namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// The runs of the in-memory store in creation order, and the finished ones that history keeps, held so that a
/// finished run is no object of its own. Each of those objects (the store's entry, the id's string, the live index's
/// node) would otherwise survive two young collections and die in gen2, once per run: with a history of 10,000 runs,
/// about 40 % of a sync call's time was spent in the collections they caused (docs/benchmarks.md, round 6).
/// <list type="bullet">
/// <item>Creation order: a link per run (live or finished) in one array, linked by index; listing walks it from the
/// newest. A live run's link refers to its <typeparamref name="TLive"/> (the store's entry, with its own lock); a
/// finished run's link, to its place in the ring. A backlog grows the array; once it has drained, the array shrinks.</item>
/// <item>The ring: the finished runs in finishing order, as many as the limit: each place holds the run's
/// <see cref="RunState"/> and its id as <see cref="StoredRunId"/>. A run that finishes takes the place of the
/// earliest finished, which history then forgets. It grows up to the limit, then wraps.</item>
/// <item>The index: the finished runs by id, an open-addressing table of ring places (no node per run).</item>
/// </list>
/// Not thread-safe: the store uses it under its store-wide lock only.
/// </summary>
internal sealed class RunHistory<TLive>
    where TLive : class
{
    /// <summary>No link or place: the end of the creation order, or a run not in the ring.</summary>
    public const int None = -1;

    // Below this many links, the array is never shrunk.
    private const int LinksKeptAnyway = 1024;

    private readonly int _limit;
    private readonly Action<TLive, int> _relink;

    private Link[] _links = new Link[16];
    private int _usedLinks;
    private int _freeLink = None;
    private int _newest = None;

    private Kept[] _ring;
    // Places taken so far (up to the limit; a place once taken stays in the ring, empty when its run moved out of a
    // final status), and, once all are taken, the place of the earliest finish, which the next finish takes.
    private int _filled;
    private int _next;

    // A ring place plus one (zero: an empty bucket) with its id's hash; linear probing, at most half full.
    private Bucket[] _index = new Bucket[16];
    private int _shift = 32 - 4;
    private int _indexed;

    /// <param name="limit">The finished runs kept.</param>
    /// <param name="relink">Tells a live run its new link when the links are renumbered (see <see cref="Compact"/>).</param>
    public RunHistory(int limit, Action<TLive, int> relink)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
        _relink = relink;
        _ring = new Kept[Math.Min(16, limit)];
    }

    /// <summary>Runs held, live and finished.</summary>
    public int Count { get; private set; }

    /// <summary>Links the array has room for (for tests: it shrinks once a backlog has drained).</summary>
    public int LinkCapacity => _links.Length;

    /// <summary>Finished runs held (at most the limit).</summary>
    public int FinishedCount => _indexed;

    /// <summary>The newest run's link, or <see cref="None"/>.</summary>
    public int Newest => _newest;

    /// <summary>The link of the run created just before the run of <paramref name="link"/>, or <see cref="None"/>.</summary>
    public int Older(int link) => _links[link].Older;

    /// <summary>The live run of <paramref name="link"/>, or null when the run has finished.</summary>
    public TLive? Live(int link) => _links[link].Live;

    /// <summary>The ring place of the finished run of <paramref name="link"/>.</summary>
    public int PlaceOf(int link) => _links[link].Place;

    /// <summary>The link of the finished run at ring place <paramref name="place"/> (its place in creation order).</summary>
    public int LinkOf(int place) => _ring[place].Link;

    /// <summary>The state of the finished run at <paramref name="place"/>, changed in place by a transition of a finished run.</summary>
    public ref RunState Finished(int place) => ref _ring[place].State;

    /// <summary>The id of the finished run at <paramref name="place"/>.</summary>
    public StoredRunId Id(int place) => _ring[place].Id;

    /// <summary>Holds a new live run, newest; returns its link, which stays its link until history forgets it.</summary>
    public int Add(TLive live)
    {
        int link;
        if (_freeLink != None)
        {
            link = _freeLink;
            _freeLink = _links[link].Older;
        }
        else
        {
            if (_usedLinks == _links.Length)
            {
                Array.Resize(ref _links, _links.Length * 2);
            }

            link = _usedLinks++;
        }

        _links[link] = new Link { Live = live, Older = _newest, Newer = None, Place = None };
        if (_newest != None)
        {
            _links[_newest].Newer = link;
        }

        _newest = link;
        Count++;
        return link;
    }

    /// <summary>
    /// The live run of <paramref name="link"/> has finished: it takes the next ring place with <paramref name="state"/>
    /// under <paramref name="runId"/>. When the ring is full, the run finished earliest is forgotten: true, with its id
    /// and state (the store gives an idempotency key's holder its last state); the links may then be renumbered
    /// (<see cref="Compact"/>).
    /// </summary>
    public bool Finish(int link, string runId, in RunState state, out StoredRunId forgottenId, out RunState forgotten)
    {
        var forgot = false;
        forgottenId = default;
        forgotten = default;
        int place;
        if (_filled < _limit)
        {
            if (_filled == _ring.Length)
            {
                Array.Resize(ref _ring, (int)Math.Min(_limit, _ring.Length * 2L));
            }

            place = _filled++;
        }
        else
        {
            place = _next;
            _next = _next + 1 == _limit ? 0 : _next + 1;
            ref var earliest = ref _ring[place];
            if (earliest.Link != None)
            {
                forgot = true;
                forgottenId = earliest.Id;
                forgotten = earliest.State;
                Unindex(place);
                Unlink(earliest.Link);
            }
        }

        _ring[place] = new Kept { State = state, Id = StoredRunId.Of(runId), Link = link };
        _links[link].Live = null;
        _links[link].Place = place;
        Index(place);
        // Last: the links are renumbered, the caller's and this run's with them.
        if (forgot && _links.Length > LinksKeptAnyway && Count < _links.Length / 4)
        {
            Compact();
        }

        return forgot;
    }

    /// <summary>
    /// The finished run at <paramref name="place"/> is live again (a transition moved it out of a final status): its
    /// place stays empty until the ring comes round to it; returns its link.
    /// </summary>
    public int Revive(int place, TLive live)
    {
        Unindex(place);
        var link = _ring[place].Link;
        _ring[place] = new Kept { Link = None };
        _links[link].Live = live;
        _links[link].Place = None;
        return link;
    }

    /// <summary>The ring place of the finished run <paramref name="runId"/>.</summary>
    public bool TryFind(string runId, out int place)
    {
        var id = StoredRunId.Of(runId);
        var hash = id.GetHashCode();
        var mask = _index.Length - 1;
        for (var i = Home(hash); _index[i].PlacePlusOne != 0; i = (i + 1) & mask)
        {
            if (_index[i].Hash == hash && _ring[_index[i].PlacePlusOne - 1].Id.Equals(id))
            {
                place = _index[i].PlacePlusOne - 1;
                return true;
            }
        }

        place = None;
        return false;
    }

    private void Unlink(int link)
    {
        var (older, newer) = (_links[link].Older, _links[link].Newer);
        if (older != None)
        {
            _links[older].Newer = newer;
        }

        if (newer == None)
        {
            _newest = older;
        }
        else
        {
            _links[newer].Older = older;
        }

        _links[link] = new Link { Older = _freeLink, Place = None };
        _freeLink = link;
        Count--;
    }

    /// <summary>
    /// Renumbers the links in creation order into an array half full: a backlog of queued runs grows the array, and
    /// once it has drained (history forgets the runs), it would otherwise hold its high-water mark. Linear in the runs
    /// held, and only after three quarters of the array have been freed since it was last sized, so its cost per run
    /// is constant. Every holder of a link is told its new one: the live runs (through the store's callback) and the
    /// ring's places; the free list starts empty.
    /// </summary>
    private void Compact()
    {
        var links = new Link[Math.Max(LinksKeptAnyway, (int)BitOperations.RoundUpToPowerOf2((uint)Count * 2))];
        var at = Count;
        for (var link = _newest; link != None; link = _links[link].Older)
        {
            at--;
            ref readonly var from = ref _links[link];
            links[at] = new Link { Live = from.Live, Place = from.Place, Older = at - 1, Newer = at + 1 == Count ? None : at + 1 };
            if (from.Live is { } live)
            {
                _relink(live, at);
            }
            else
            {
                _ring[from.Place].Link = at;
            }
        }

        _links = links;
        _usedLinks = Count;
        _freeLink = None;
        _newest = Count - 1;
    }

    // Fibonacci hashing: the top bits of the product, so that ids whose hashes differ only in high bits spread too.
    private int Home(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> _shift);

    private void Index(int place)
    {
        if ((_indexed + 1) * 2 > _index.Length)
        {
            var old = _index;
            _index = new Bucket[old.Length * 2];
            _shift--;
            foreach (var bucket in old)
            {
                if (bucket.PlacePlusOne != 0)
                {
                    Put(bucket);
                }
            }
        }

        Put(new Bucket(_ring[place].Id.GetHashCode(), place + 1));
        _indexed++;
    }

    private void Put(Bucket bucket)
    {
        var mask = _index.Length - 1;
        var i = Home(bucket.Hash);
        while (_index[i].PlacePlusOne != 0)
        {
            i = (i + 1) & mask;
        }

        _index[i] = bucket;
    }

    // Removal by backward shift (no tombstones): each later bucket of the probe run moves into the gap unless its home
    // lies cyclically after the gap, up to itself, so that every key stays reachable from its home.
    private void Unindex(int place)
    {
        var mask = _index.Length - 1;
        var gap = Home(_ring[place].Id.GetHashCode());
        while (_index[gap].PlacePlusOne != place + 1)
        {
            gap = (gap + 1) & mask;
        }

        for (var next = (gap + 1) & mask; _index[next].PlacePlusOne != 0; next = (next + 1) & mask)
        {
            var home = Home(_index[next].Hash);
            var stays = gap <= next ? gap < home && home <= next : gap < home || home <= next;
            if (!stays)
            {
                _index[gap] = _index[next];
                gap = next;
            }
        }

        _index[gap] = default;
        _indexed--;
    }

    /// <summary>A run's place in creation order (24 bytes, held while the run is: live, or kept by history).</summary>
    private struct Link
    {
        public TLive? Live;
        public int Older;
        public int Newer;
        public int Place;
    }

    /// <summary>A finished run in the ring; <see cref="Link"/> is <see cref="None"/> for an empty place.</summary>
    private struct Kept
    {
        public RunState State;
        public StoredRunId Id;
        public int Link;
    }

    private readonly record struct Bucket(int Hash, int PlacePlusOne);
}
