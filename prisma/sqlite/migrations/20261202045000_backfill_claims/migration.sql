-- Claims for what articles imported before claims existed (20261202032251_places_and_claims) say about the
-- shared records they cite: each article that quotes a country, city or organization claims the values the
-- record shows now, as its import would have (the earliest article's values were the shown ones only when
-- no later import overwrote them, which the old writer did: those overwrites cannot be undone from here).
-- Without them, withdrawing such an article would leave what only it supports, and its organizations'
-- values would be decided by later articles alone. A database created after that migration has nothing
-- to fill.
INSERT INTO "Claim" ("articleId", "countryId", "field", "value")
SELECT DISTINCT e."articleId", e."countryId", 'name', json_quote(c."name")
FROM "Evidence" e JOIN "Country" c ON c."id" = e."countryId"
WHERE NOT EXISTS (SELECT 1 FROM "Claim" k WHERE k."articleId" = e."articleId" AND k."countryId" = e."countryId");

INSERT INTO "Claim" ("articleId", "cityId", "field", "value")
SELECT DISTINCT e."articleId", e."cityId", 'name', json_quote(c."name")
FROM "Evidence" e JOIN "City" c ON c."id" = e."cityId"
WHERE NOT EXISTS (SELECT 1 FROM "Claim" k WHERE k."articleId" = e."articleId" AND k."cityId" = e."cityId");

INSERT INTO "Claim" ("articleId", "organizationId", "field", "value")
SELECT DISTINCT e."articleId", o."id", f."field", CASE f."field" WHEN 'name' THEN json_quote(o."name") WHEN 'kind' THEN json_quote(o."kind") ELSE CAST(o."cityId" AS TEXT) END
FROM "Evidence" e JOIN "Organization" o ON o."id" = e."organizationId"
JOIN (SELECT 'name' AS "field" UNION ALL SELECT 'kind' UNION ALL SELECT 'city') f ON f."field" <> 'city' OR o."cityId" IS NOT NULL
WHERE NOT EXISTS (SELECT 1 FROM "Claim" k WHERE k."articleId" = e."articleId" AND k."organizationId" = e."organizationId");
