-- 0019: the live stream in id order, without passing over an event still being written.
--
-- A stream event's id is taken when it is inserted, and its transaction may commit after
-- that of a later id: a reader that sends every id above the last one it sent would pass
-- over the earlier one for good. Readers (server/jfd-stream-cursor.c) therefore deliver
-- an id only once every id below it is settled: there, or never to be. Ids that follow on
-- without a hole are settled as they are read. A hole is settled once every transaction
-- that may hold its id has ended. Those transactions cannot be seen (nor their rows), but
-- they can be bounded: each takes its transaction id before its event id
-- (jf.stream_next_id), and the sequence hands ids out in time order (its cache is 1), so
-- every id up to the highest that a read shows belongs to a transaction id below the
-- first one not yet assigned at that read (jf.stream_read's horizon). Once a later
-- read's snapshot has its xmin at or past that horizon, every such transaction has ended
-- and the ids it does not show never will be. Until then what comes after the hole waits;
-- jiefend reads again soon, as a transaction that rolls back sends no notification.
--
-- Whether an event's own transaction is older than every running one (its transaction id
-- below the snapshot's xmin) says nothing of the ids below it: a transaction that began
-- first may take its event id last.

-- The default of jf.stream_events.id: a transaction id first, then the event id.
CREATE FUNCTION jf.stream_next_id() RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_current_xact_id();
  RETURN nextval('jf.stream_events_id_seq'::regclass);
END
$$;

ALTER TABLE jf.stream_events ALTER COLUMN id SET DEFAULT jf.stream_next_id();

-- The events after @p_after (at most @p_limit, as jf.stream_since gives them) and, from the
-- same snapshot, its xmin (every transaction below it has ended) and the horizon (the
-- first transaction id not yet assigned when it was taken).
--
-- PostgreSQL has no function for that horizon: a snapshot's xmax is one past the highest
-- transaction id that has ended, and a running transaction with a higher id than that is
-- listed nowhere in the snapshot. age(xid) counts from the caller's own transaction id,
-- or, when it has none, from the next one to be assigned, read at the transaction's first
-- call of age() and kept for the rest of it. So call this in a transaction of its own
-- (jiefend's pool runs each statement in its own), which has no transaction id; the
-- horizon is then read after the snapshot is taken.
CREATE FUNCTION jf.stream_read(p_after bigint, p_limit integer,
                               OUT xmin xid8, OUT horizon xid8, OUT events jsonb)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'jf.stream_read needs a transaction of its own that writes nothing';
  END IF;
  -- One statement: one snapshot for the events and its xmin, and the horizon after it.
  SELECT pg_snapshot_xmin(s),
         (pg_snapshot_xmin(s)::text::numeric + age(xid(pg_snapshot_xmin(s))))::text::xid8,
         jf.stream_since(p_after, p_limit)
  INTO xmin, horizon, events
  FROM pg_current_snapshot() s;
END
$$;
