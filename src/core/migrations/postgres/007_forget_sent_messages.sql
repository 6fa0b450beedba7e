-- A message's sealed text (a code, the person's name and address) is forgotten once it has been sent (the
-- dispatcher now does this at delivery): forget it too for the messages sent before this release. Messages
-- with a dead-lettered delivery keep their text so they can be replayed.
UPDATE outbox_events SET payload = '{}'
WHERE type = 'notify.message_requested' AND delivered_at IS NOT NULL
  AND id NOT IN (SELECT event_id FROM event_deliveries WHERE status = 'dead');
