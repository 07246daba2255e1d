-- revision: 3c4d5e6f7081
-- downRevision: 2b3c4d5e6f70
-- message: seed the welcome post
-- createDate: 2026-11-26T10:10:00Z

-- A plain SQL revision: the same header fields, then an upgrade and a downgrade section.

-- upgrade
INSERT INTO "user" (id, email, name) VALUES (1, 'admin@example.com', 'Admin');
INSERT INTO post (user_id, title, body, published) VALUES (1, 'Welcome', 'It''s up and running.', 1);

-- downgrade
DELETE FROM post WHERE user_id = 1 AND title = 'Welcome';
DELETE FROM "user" WHERE id = 1;
