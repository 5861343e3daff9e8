-- DropIndex
DROP INDEX "City_countryId_name_key";

-- AlterTable
ALTER TABLE "City" ADD COLUMN "geonameId" INTEGER;
ALTER TABLE "City" ADD COLUMN "population" INTEGER;
ALTER TABLE "City" ADD COLUMN "region" TEXT;

-- CreateTable
CREATE TABLE "Claim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER,
    "countryId" INTEGER,
    "cityId" INTEGER,
    "organizationId" INTEGER,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Claim_articleId_idx" ON "Claim"("articleId");

-- CreateIndex
CREATE INDEX "Claim_countryId_field_idx" ON "Claim"("countryId", "field");

-- CreateIndex
CREATE INDEX "Claim_cityId_field_idx" ON "Claim"("cityId", "field");

-- CreateIndex
CREATE INDEX "Claim_organizationId_field_idx" ON "Claim"("organizationId", "field");

-- CreateIndex
CREATE UNIQUE INDEX "City_geonameId_key" ON "City"("geonameId");

-- CreateIndex
CREATE INDEX "City_countryId_name_idx" ON "City"("countryId", "name");
