namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// The runs of the in-memory store in creation order, and the finished ones that history keeps (up to its limit,
/// forgetting the earliest finished first), held so that a finished run is no object of its own. Every run has a slot
/// of one array; the slots are linked in creation order by their indices (listing walks them from the newest). A live
/// run's slot refers to its <typeparamref name="TLive"/> (the store's entry, with its own lock); once the run finishes,
/// the slot holds its <see cref="RunState"/> and its id as <see cref="StoredRunId"/> instead, and the entry, the id's
/// string and the live index's node are let go. Each of those objects would otherwise survive two young collections
/// and die in gen2, once per run: with a history of 10,000 runs, about 40 % of a sync call's time was spent in the
/// collections they caused (docs/benchmarks.md, round 6). Finished runs are found by id through an open-addressing
/// table of slot indices (no node per run), and forgotten in finishing order through a queue of slot indices.
/// Not thread-safe: the store uses it under its store-wide lock only.
/// </summary>
internal sealed class RunHistory<TLive>(int limit)
    where TLive : class
{
    /// <summary>No slot: the end of the creation order.</summary>
    public const int None = -1;

    private Slot[] _slots = new Slot[16];
    private int _used;
    private int _free = None;
    private int _newest = None;
    private int _oldest = None;

    // The finished runs by id: a slot's index plus one (zero is an empty bucket) with its id's hash, linear probing,
    // at most half full.
    private Bucket[] _index = new Bucket[16];
    private int _shift = 32 - 4;
    private int _indexed;

    // The finished runs in finishing order, each with its finish's number, so that a run that finished again (a
    // transition out of a final status and back) is forgotten for its last finish only.
    private readonly Queue<(int Slot, int Finish)> _finishOrder = new();
    private int _finishes;

    /// <summary>Runs held, live and finished.</summary>
    public int Count { get; private set; }

    /// <summary>Finished runs held (never more than the limit once <see cref="TryForgetOldest"/> has run).</summary>
    public int FinishedCount => _indexed;

    /// <summary>The newest run's slot, or <see cref="None"/>.</summary>
    public int Newest => _newest;

    /// <summary>The slot of the run created just before the run in <paramref name="slot"/>, or <see cref="None"/>.</summary>
    public int Older(int slot) => _slots[slot].Older;

    /// <summary>The live run in <paramref name="slot"/>, or null when the run has finished.</summary>
    public TLive? Live(int slot) => _slots[slot].Live;

    /// <summary>The state of the finished run in <paramref name="slot"/>, changed in place by a transition of a finished run.</summary>
    public ref RunState Finished(int slot) => ref _slots[slot].State;

    /// <summary>The id of the finished run in <paramref name="slot"/>.</summary>
    public StoredRunId Id(int slot) => _slots[slot].Id;

    /// <summary>Holds a new live run, newest; returns its slot, which stays its slot until history forgets it.</summary>
    public int Add(TLive live)
    {
        int slot;
        if (_free != None)
        {
            slot = _free;
            _free = _slots[slot].Older;
        }
        else
        {
            if (_used == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            slot = _used++;
        }

        _slots[slot] = new Slot { Live = live, Older = _newest, Newer = None };
        if (_newest == None)
        {
            _oldest = slot;
        }
        else
        {
            _slots[_newest].Newer = slot;
        }

        _newest = slot;
        Count++;
        return slot;
    }

    /// <summary>
    /// The live run in <paramref name="slot"/> has finished: the slot keeps <paramref name="state"/> under
    /// <paramref name="runId"/> in place of the live run.
    /// </summary>
    public void Finish(int slot, string runId, in RunState state)
    {
        ref var held = ref _slots[slot];
        held.Live = null;
        held.State = state;
        held.Id = StoredRunId.Of(runId);
        held.InHistory = true;
        held.Finish = ++_finishes;
        _finishOrder.Enqueue((slot, held.Finish));
        Index(slot);
    }

    /// <summary>The finished run in <paramref name="slot"/> is live again (a transition moved it out of a final status).</summary>
    public void Revive(int slot, TLive live)
    {
        Unindex(slot);
        ref var held = ref _slots[slot];
        held.Live = live;
        held.State = default;
        held.Id = default;
        held.InHistory = false;
    }

    /// <summary>The slot of the finished run <paramref name="runId"/>.</summary>
    public bool TryFind(string runId, out int slot)
    {
        var id = StoredRunId.Of(runId);
        var hash = id.GetHashCode();
        var mask = _index.Length - 1;
        for (var i = Home(hash); _index[i].SlotPlusOne != 0; i = (i + 1) & mask)
        {
            if (_index[i].Hash == hash && _slots[_index[i].SlotPlusOne - 1].Id.Equals(id))
            {
                slot = _index[i].SlotPlusOne - 1;
                return true;
            }
        }

        slot = None;
        return false;
    }

    /// <summary>
    /// Forgets the earliest finished run while more than the limit are held, one per call: its id and state are handed
    /// back (the store gives an idempotency key's holder its last state), and its slot is reused.
    /// </summary>
    public bool TryForgetOldest(out StoredRunId id, out RunState forgotten)
    {
        while (_indexed > limit && _finishOrder.TryDequeue(out var finished))
        {
            ref var held = ref _slots[finished.Slot];
            if (!held.InHistory || held.Finish != finished.Finish)
            {
                // Live again, or finished again since: counted at its last finish.
                continue;
            }

            id = held.Id;
            forgotten = held.State;
            Unindex(finished.Slot);
            Unlink(finished.Slot);
            held = new Slot { Older = _free };
            _free = finished.Slot;
            return true;
        }

        id = default;
        forgotten = default;
        return false;
    }

    private void Unlink(int slot)
    {
        var (older, newer) = (_slots[slot].Older, _slots[slot].Newer);
        if (older == None)
        {
            _oldest = newer;
        }
        else
        {
            _slots[older].Newer = newer;
        }

        if (newer == None)
        {
            _newest = older;
        }
        else
        {
            _slots[newer].Older = older;
        }

        Count--;
    }

    // Fibonacci hashing: the top bits of the product, so that ids whose hashes differ only in high bits spread too.
    private int Home(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> _shift);

    private void Index(int slot)
    {
        if ((_indexed + 1) * 2 > _index.Length)
        {
            var old = _index;
            _index = new Bucket[old.Length * 2];
            _shift--;
            foreach (var bucket in old)
            {
                if (bucket.SlotPlusOne != 0)
                {
                    Place(bucket);
                }
            }
        }

        Place(new Bucket(_slots[slot].Id.GetHashCode(), slot + 1));
        _indexed++;
    }

    private void Place(Bucket bucket)
    {
        var mask = _index.Length - 1;
        var i = Home(bucket.Hash);
        while (_index[i].SlotPlusOne != 0)
        {
            i = (i + 1) & mask;
        }

        _index[i] = bucket;
    }

    // Removal by backward shift (no tombstones): each later bucket of the probe run moves into the gap unless its home
    // lies cyclically after the gap, up to itself, so that every key stays reachable from its home.
    private void Unindex(int slot)
    {
        var mask = _index.Length - 1;
        var gap = Home(_slots[slot].Id.GetHashCode());
        while (_index[gap].SlotPlusOne != slot + 1)
        {
            gap = (gap + 1) & mask;
        }

        for (var next = (gap + 1) & mask; _index[next].SlotPlusOne != 0; next = (next + 1) & mask)
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

    private struct Slot
    {
        public TLive? Live;
        public RunState State;
        public StoredRunId Id;
        public int Older;
        public int Newer;
        public int Finish;
        public bool InHistory;
    }

    private readonly record struct Bucket(int Hash, int SlotPlusOne);
}
