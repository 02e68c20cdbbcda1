-- 0009: attachments join a matter's timeline in the same transaction as their index row.
CREATE FUNCTION jf.attachment_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', a.id, 'matter_id', a.matter_id, 'filename', a.filename,
                            'media_type', a.media_type, 'size', a.size_bytes,
                            'sha256', encode(a.sha256, 'hex'), 'target_id', a.target_id,
                            'uploaded_by', jf.account_ref(a.uploaded_by),
                            'uploaded_at', jf.ts(a.uploaded_at))
  FROM jf.attachments a WHERE a.id = p_id
$$;

-- @p: matter_id, target_id, sha256 (hex), size, media_type, filename and the actor.
CREATE FUNCTION jf.add_attachment(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
  v_seq integer;
BEGIN
  UPDATE jf.matters SET event_seq = event_seq + 1, updated_at = now()
  WHERE id = (p->>'matter_id')::bigint RETURNING event_seq INTO v_seq;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  INSERT INTO jf.attachments (matter_id, target_id, sha256, size_bytes, media_type, filename,
                              uploaded_by)
  VALUES ((p->>'matter_id')::bigint, (p->>'target_id')::bigint, decode(p->>'sha256', 'hex'),
          (p->>'size')::bigint, p->>'media_type', p->>'filename', (p->>'actor_id')::integer)
  RETURNING id INTO v_id;
  PERFORM jf.append_event((p->>'matter_id')::bigint, v_seq, 'attachment.added',
                          (p->>'actor_id')::integer, p->>'actor_role',
                          (p->>'actor_org_id')::integer,
                          jsonb_build_object('attachment', v_id, 'filename', p->>'filename',
                                             'media_type', p->>'media_type',
                                             'sha256', p->>'sha256'));
  RETURN jsonb_build_object('attachment', jf.attachment_json(v_id));
END
$$;
