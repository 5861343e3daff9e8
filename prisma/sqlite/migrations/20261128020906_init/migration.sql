-- CreateTable
CREATE TABLE "ReferenceSource" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT
);

-- CreateTable
CREATE TABLE "Article" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "source" TEXT,
    "url" TEXT,
    "updatedOn" TEXT,
    "language" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Country" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "isoCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "referenceSourceId" INTEGER NOT NULL,
    CONSTRAINT "Country_referenceSourceId_fkey" FOREIGN KEY ("referenceSourceId") REFERENCES "ReferenceSource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "City" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "countryId" INTEGER NOT NULL,
    "isCapital" BOOLEAN NOT NULL,
    "latitude" REAL NOT NULL,
    "longitude" REAL NOT NULL,
    "referenceSourceId" INTEGER NOT NULL,
    CONSTRAINT "City_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "City_referenceSourceId_fkey" FOREIGN KEY ("referenceSourceId") REFERENCES "ReferenceSource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "countryId" INTEGER NOT NULL,
    "cityId" INTEGER,
    CONSTRAINT "Organization_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Organization_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameIsQuoted" BOOLEAN NOT NULL,
    "description" TEXT,
    "homeCityId" INTEGER,
    "organizationId" INTEGER,
    "parentId" INTEGER,
    "startDate" TEXT,
    "endDate" TEXT,
    CONSTRAINT "Delegation_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delegation_homeCityId_fkey" FOREIGN KEY ("homeCityId") REFERENCES "City" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Delegation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Delegation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Delegation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DelegationVisit" (
    "delegationId" INTEGER NOT NULL,
    "countryId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("delegationId", "countryId"),
    CONSTRAINT "DelegationVisit_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DelegationVisit_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameIsQuoted" BOOLEAN NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT,
    "startDate" TEXT,
    "endDate" TEXT,
    "cityId" INTEGER,
    "countryId" INTEGER,
    CONSTRAINT "Event_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Event_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventParticipation" (
    "eventId" INTEGER NOT NULL,
    "delegationId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "delegationId"),
    CONSTRAINT "EventParticipation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventParticipation_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventOrganizer" (
    "eventId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,

    PRIMARY KEY ("eventId", "organizationId"),
    CONSTRAINT "EventOrganizer_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventOrganizer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleIsQuoted" BOOLEAN NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT,
    "signedOn" TEXT,
    "eventId" INTEGER,
    "cityId" INTEGER,
    "countryId" INTEGER,
    CONSTRAINT "Agreement_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Agreement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Agreement_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Agreement_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementParty" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "agreementId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "organizationId" INTEGER,
    "description" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "AgreementParty_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgreementParty_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Image" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "caption" TEXT NOT NULL,
    "credit" TEXT,
    "takenOn" TEXT,
    "url" TEXT,
    "cityId" INTEGER,
    "countryId" INTEGER,
    "eventId" INTEGER,
    CONSTRAINT "Image_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Image_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Image_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Image_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evidence" (
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
    CONSTRAINT "Evidence_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ReferenceSource_key_key" ON "ReferenceSource"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Article_url_key" ON "Article"("url");

-- CreateIndex
CREATE INDEX "Article_updatedOn_idx" ON "Article"("updatedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Country_isoCode_key" ON "Country"("isoCode");

-- CreateIndex
CREATE INDEX "Country_name_idx" ON "Country"("name");

-- CreateIndex
CREATE INDEX "City_name_idx" ON "City"("name");

-- CreateIndex
CREATE UNIQUE INDEX "City_countryId_name_key" ON "City"("countryId", "name");

-- CreateIndex
CREATE INDEX "Organization_name_idx" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "Organization_kind_idx" ON "Organization"("kind");

-- CreateIndex
CREATE INDEX "Organization_cityId_idx" ON "Organization"("cityId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_countryId_name_key" ON "Organization"("countryId", "name");

-- CreateIndex
CREATE INDEX "Delegation_startDate_idx" ON "Delegation"("startDate");

-- CreateIndex
CREATE INDEX "Delegation_name_idx" ON "Delegation"("name");

-- CreateIndex
CREATE INDEX "Delegation_homeCityId_idx" ON "Delegation"("homeCityId");

-- CreateIndex
CREATE INDEX "Delegation_organizationId_idx" ON "Delegation"("organizationId");

-- CreateIndex
CREATE INDEX "Delegation_parentId_idx" ON "Delegation"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Delegation_articleId_key_key" ON "Delegation"("articleId", "key");

-- CreateIndex
CREATE INDEX "DelegationVisit_countryId_idx" ON "DelegationVisit"("countryId");

-- CreateIndex
CREATE INDEX "Event_startDate_idx" ON "Event"("startDate");

-- CreateIndex
CREATE INDEX "Event_name_idx" ON "Event"("name");

-- CreateIndex
CREATE INDEX "Event_kind_startDate_idx" ON "Event"("kind", "startDate");

-- CreateIndex
CREATE INDEX "Event_countryId_startDate_idx" ON "Event"("countryId", "startDate");

-- CreateIndex
CREATE INDEX "Event_cityId_startDate_idx" ON "Event"("cityId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "Event_articleId_key_key" ON "Event"("articleId", "key");

-- CreateIndex
CREATE INDEX "EventParticipation_delegationId_idx" ON "EventParticipation"("delegationId");

-- CreateIndex
CREATE INDEX "EventOrganizer_organizationId_idx" ON "EventOrganizer"("organizationId");

-- CreateIndex
CREATE INDEX "Agreement_signedOn_idx" ON "Agreement"("signedOn");

-- CreateIndex
CREATE INDEX "Agreement_title_idx" ON "Agreement"("title");

-- CreateIndex
CREATE INDEX "Agreement_kind_signedOn_idx" ON "Agreement"("kind", "signedOn");

-- CreateIndex
CREATE INDEX "Agreement_countryId_signedOn_idx" ON "Agreement"("countryId", "signedOn");

-- CreateIndex
CREATE INDEX "Agreement_eventId_idx" ON "Agreement"("eventId");

-- CreateIndex
CREATE INDEX "Agreement_cityId_idx" ON "Agreement"("cityId");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_articleId_key_key" ON "Agreement"("articleId", "key");

-- CreateIndex
CREATE INDEX "AgreementParty_organizationId_idx" ON "AgreementParty"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementParty_agreementId_position_key" ON "AgreementParty"("agreementId", "position");

-- CreateIndex
CREATE INDEX "Image_eventId_idx" ON "Image"("eventId");

-- CreateIndex
CREATE INDEX "Image_countryId_idx" ON "Image"("countryId");

-- CreateIndex
CREATE INDEX "Image_cityId_idx" ON "Image"("cityId");

-- CreateIndex
CREATE UNIQUE INDEX "Image_articleId_key_key" ON "Image"("articleId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Image_articleId_position_key" ON "Image"("articleId", "position");

-- CreateIndex
CREATE INDEX "Evidence_articleId_idx" ON "Evidence"("articleId");

-- CreateIndex
CREATE INDEX "Evidence_delegationId_idx" ON "Evidence"("delegationId");

-- CreateIndex
CREATE INDEX "Evidence_eventId_idx" ON "Evidence"("eventId");

-- CreateIndex
CREATE INDEX "Evidence_agreementId_idx" ON "Evidence"("agreementId");

-- CreateIndex
CREATE INDEX "Evidence_imageId_idx" ON "Evidence"("imageId");

-- CreateIndex
CREATE INDEX "Evidence_organizationId_idx" ON "Evidence"("organizationId");

-- CreateIndex
CREATE INDEX "Evidence_cityId_idx" ON "Evidence"("cityId");

-- CreateIndex
CREATE INDEX "Evidence_countryId_idx" ON "Evidence"("countryId");
