-- AlterTable
ALTER TABLE "EventParticipation" ADD COLUMN "attendedFrom" TEXT;
ALTER TABLE "EventParticipation" ADD COLUMN "attendedTo" TEXT;

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "matchKey" TEXT NOT NULL,
    "countryId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Person_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonTitle" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "organizationId" INTEGER,
    CONSTRAINT "PersonTitle_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonTitle_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonTitle_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DelegationMember" (
    "delegationId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("delegationId", "personId"),
    CONSTRAINT "DelegationMember_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DelegationMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventPerson" (
    "eventId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    PRIMARY KEY ("eventId", "personId"),
    CONSTRAINT "EventPerson_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventCounterpart" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "organizationId" INTEGER,
    "personId" INTEGER,
    "role" TEXT NOT NULL,
    CONSTRAINT "EventCounterpart_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventCounterpart_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "EventCounterpart_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementSignatory" (
    "agreementId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    PRIMARY KEY ("agreementId", "personId"),
    CONSTRAINT "AgreementSignatory_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementSignatory_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Figure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "upTo" REAL,
    "qualifier" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "description" TEXT,
    "delegationId" INTEGER,
    "eventId" INTEGER,
    "agreementId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Figure_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Figure_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Figure_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Figure_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Claim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER,
    "countryId" INTEGER,
    "cityId" INTEGER,
    "organizationId" INTEGER,
    "personId" INTEGER,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("actor", "articleId", "cityId", "countryId", "createdAt", "field", "id", "organizationId", "value") SELECT "actor", "articleId", "cityId", "countryId", "createdAt", "field", "id", "organizationId", "value" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE INDEX "Claim_articleId_idx" ON "Claim"("articleId");
CREATE INDEX "Claim_countryId_field_idx" ON "Claim"("countryId", "field");
CREATE INDEX "Claim_cityId_field_idx" ON "Claim"("cityId", "field");
CREATE INDEX "Claim_organizationId_field_idx" ON "Claim"("organizationId", "field");
CREATE INDEX "Claim_personId_field_idx" ON "Claim"("personId", "field");
CREATE TABLE "new_Evidence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "delegationId" INTEGER,
    "eventId" INTEGER,
    "agreementId" INTEGER,
    "imageId" INTEGER,
    "organizationId" INTEGER,
    "cityId" INTEGER,
    "countryId" INTEGER,
    "personId" INTEGER,
    "figureId" INTEGER,
    CONSTRAINT "Evidence_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_figureId_fkey" FOREIGN KEY ("figureId") REFERENCES "Figure" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("agreementId", "articleId", "cityId", "countryId", "delegationId", "end", "eventId", "facts", "id", "imageId", "organizationId", "quote", "start") SELECT "agreementId", "articleId", "cityId", "countryId", "delegationId", "end", "eventId", "facts", "id", "imageId", "organizationId", "quote", "start" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE INDEX "Evidence_articleId_idx" ON "Evidence"("articleId");
CREATE INDEX "Evidence_delegationId_idx" ON "Evidence"("delegationId");
CREATE INDEX "Evidence_eventId_idx" ON "Evidence"("eventId");
CREATE INDEX "Evidence_agreementId_idx" ON "Evidence"("agreementId");
CREATE INDEX "Evidence_imageId_idx" ON "Evidence"("imageId");
CREATE INDEX "Evidence_organizationId_idx" ON "Evidence"("organizationId");
CREATE INDEX "Evidence_cityId_idx" ON "Evidence"("cityId");
CREATE INDEX "Evidence_countryId_idx" ON "Evidence"("countryId");
CREATE INDEX "Evidence_personId_idx" ON "Evidence"("personId");
CREATE INDEX "Evidence_figureId_idx" ON "Evidence"("figureId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_countryId_matchKey_key" ON "Person"("countryId", "matchKey");

-- CreateIndex
CREATE INDEX "PersonTitle_personId_idx" ON "PersonTitle"("personId");

-- CreateIndex
CREATE INDEX "PersonTitle_organizationId_idx" ON "PersonTitle"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonTitle_articleId_personId_position_key" ON "PersonTitle"("articleId", "personId", "position");

-- CreateIndex
CREATE INDEX "DelegationMember_personId_idx" ON "DelegationMember"("personId");

-- CreateIndex
CREATE INDEX "EventPerson_personId_idx" ON "EventPerson"("personId");

-- CreateIndex
CREATE INDEX "EventCounterpart_organizationId_idx" ON "EventCounterpart"("organizationId");

-- CreateIndex
CREATE INDEX "EventCounterpart_personId_idx" ON "EventCounterpart"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "EventCounterpart_eventId_position_key" ON "EventCounterpart"("eventId", "position");

-- CreateIndex
CREATE INDEX "AgreementSignatory_personId_idx" ON "AgreementSignatory"("personId");

-- CreateIndex
CREATE INDEX "Figure_unitKey_idx" ON "Figure"("unitKey");

-- CreateIndex
CREATE INDEX "Figure_delegationId_idx" ON "Figure"("delegationId");

-- CreateIndex
CREATE INDEX "Figure_eventId_idx" ON "Figure"("eventId");

-- CreateIndex
CREATE INDEX "Figure_agreementId_idx" ON "Figure"("agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "Figure_articleId_key_key" ON "Figure"("articleId", "key");
