-- 0020: the queue and free-text search at a million matters (issue 7).
--
-- Each subtree's matters newest first, whatever their status. Search tests the newest
-- matters of the caller's subtree directly before it asks the gram index (see
-- server/jfd-engine-queue.c), and a subtree's queue without a status filter is the same
-- walk: the (ancestor, status, id) indexes give that order only within one status.
CREATE INDEX matters_county_newest ON jf.matters (county_id, id);
CREATE INDEX matters_township_newest ON jf.matters (township_id, id);
CREATE INDEX matters_village_newest ON jf.matters (village_id, id);
