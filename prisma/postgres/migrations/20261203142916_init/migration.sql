-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('LEADER', 'DEPUTY_LEADER', 'MEMBER');

-- CreateEnum
CREATE TYPE "CounterpartRole" AS ENUM ('HOST', 'ORGANIZER', 'COUNTERPART');

-- CreateEnum
CREATE TYPE "FigureQualifier" AS ENUM ('EXACT', 'APPROXIMATE', 'MORE_THAN', 'LESS_THAN', 'RANGE');

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('GOVERNMENT', 'COMPANY', 'ASSOCIATION', 'OTHER');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('EXHIBITION', 'CONFERENCE', 'BUSINESS_PROMOTION', 'MEETING', 'TALKS', 'CULTURAL_EXCHANGE', 'COOPERATION_EVENT', 'SIGNING_CEREMONY', 'OTHER');

-- CreateEnum
CREATE TYPE "ParticipationRole" AS ENUM ('PARTICIPANT', 'HOST', 'EXHIBITOR');

-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('COOPERATION_AGREEMENT', 'FRAMEWORK_AGREEMENT', 'LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT', 'MEMORANDUM_OF_UNDERSTANDING', 'SISTER_CITY_AGREEMENT', 'CONTRACT', 'OTHER');

-- CreateEnum
CREATE TYPE "AgreementPartyRole" AS ENUM ('VISITING_PARTY', 'LOCAL_PARTY', 'SIGNATORY');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('CREATE', 'UPDATE', 'DELETE');

-- CreateTable
CREATE TABLE "ReferenceSource" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,

    CONSTRAINT "ReferenceSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "source" TEXT,
    "url" TEXT,
    "updatedOn" TEXT,
    "language" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Country" (
    "id" SERIAL NOT NULL,
    "isoCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "referenceSourceId" INTEGER NOT NULL,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "City" (
    "id" SERIAL NOT NULL,
    "geonameId" INTEGER,
    "name" TEXT NOT NULL,
    "countryId" INTEGER NOT NULL,
    "region" TEXT,
    "population" INTEGER,
    "isCapital" BOOLEAN NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "referenceSourceId" INTEGER NOT NULL,

    CONSTRAINT "City_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganizationKind" NOT NULL,
    "countryId" INTEGER NOT NULL,
    "cityId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" SERIAL NOT NULL,
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
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DelegationVisit" (
    "delegationId" INTEGER NOT NULL,
    "countryId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "DelegationVisit_pkey" PRIMARY KEY ("delegationId","countryId")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameIsQuoted" BOOLEAN NOT NULL,
    "kind" "EventKind" NOT NULL,
    "description" TEXT,
    "startDate" TEXT,
    "endDate" TEXT,
    "cityId" INTEGER,
    "countryId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventParticipation" (
    "eventId" INTEGER NOT NULL,
    "delegationId" INTEGER NOT NULL,
    "role" "ParticipationRole" NOT NULL,
    "attendedFrom" TEXT,
    "attendedTo" TEXT,

    CONSTRAINT "EventParticipation_pkey" PRIMARY KEY ("eventId","delegationId")
);

-- CreateTable
CREATE TABLE "EventOrganizer" (
    "eventId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,

    CONSTRAINT "EventOrganizer_pkey" PRIMARY KEY ("eventId","organizationId")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleIsQuoted" BOOLEAN NOT NULL,
    "kind" "AgreementKind" NOT NULL,
    "description" TEXT,
    "signedOn" TEXT,
    "eventId" INTEGER,
    "cityId" INTEGER,
    "countryId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementParty" (
    "id" SERIAL NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "organizationId" INTEGER,
    "description" TEXT NOT NULL,
    "role" "AgreementPartyRole" NOT NULL,

    CONSTRAINT "AgreementParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Image" (
    "id" SERIAL NOT NULL,
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
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Image_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER,
    "countryId" INTEGER,
    "cityId" INTEGER,
    "organizationId" INTEGER,
    "personId" INTEGER,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "actor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationMerge" (
    "id" SERIAL NOT NULL,
    "survivorId" INTEGER NOT NULL,
    "mergedId" INTEGER NOT NULL,
    "merged" TEXT NOT NULL,
    "moved" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneBy" TEXT,

    CONSTRAINT "OrganizationMerge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "matchKey" TEXT NOT NULL,
    "countryId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonTitle" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "organizationId" INTEGER,

    CONSTRAINT "PersonTitle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DelegationMember" (
    "delegationId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" "MemberRole" NOT NULL,

    CONSTRAINT "DelegationMember_pkey" PRIMARY KEY ("delegationId","personId")
);

-- CreateTable
CREATE TABLE "EventPerson" (
    "eventId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "EventPerson_pkey" PRIMARY KEY ("eventId","personId")
);

-- CreateTable
CREATE TABLE "EventCounterpart" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "organizationId" INTEGER,
    "personId" INTEGER,
    "role" "CounterpartRole" NOT NULL,

    CONSTRAINT "EventCounterpart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementSignatory" (
    "agreementId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "AgreementSignatory_pkey" PRIMARY KEY ("agreementId","personId")
);

-- CreateTable
CREATE TABLE "Figure" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "upTo" DOUBLE PRECISION,
    "qualifier" "FigureQualifier" NOT NULL,
    "unit" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "description" TEXT,
    "delegationId" INTEGER,
    "eventId" INTEGER,
    "agreementId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Figure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" "AuditAction" NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatCount" (
    "facet" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "StatCount_pkey" PRIMARY KEY ("facet","bucket")
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
CREATE UNIQUE INDEX "City_geonameId_key" ON "City"("geonameId");

-- CreateIndex
CREATE INDEX "City_countryId_name_idx" ON "City"("countryId", "name");

-- CreateIndex
CREATE INDEX "City_name_idx" ON "City"("name");

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

-- CreateIndex
CREATE INDEX "Evidence_personId_idx" ON "Evidence"("personId");

-- CreateIndex
CREATE INDEX "Evidence_figureId_idx" ON "Evidence"("figureId");

-- CreateIndex
CREATE INDEX "Claim_articleId_idx" ON "Claim"("articleId");

-- CreateIndex
CREATE INDEX "Claim_countryId_field_idx" ON "Claim"("countryId", "field");

-- CreateIndex
CREATE INDEX "Claim_cityId_field_idx" ON "Claim"("cityId", "field");

-- CreateIndex
CREATE INDEX "Claim_organizationId_field_idx" ON "Claim"("organizationId", "field");

-- CreateIndex
CREATE INDEX "Claim_personId_field_idx" ON "Claim"("personId", "field");

-- CreateIndex
CREATE INDEX "OrganizationMerge_mergedId_idx" ON "OrganizationMerge"("mergedId");

-- CreateIndex
CREATE INDEX "OrganizationMerge_survivorId_idx" ON "OrganizationMerge"("survivorId");

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

-- CreateIndex
CREATE INDEX "AuditEntry_entity_at_idx" ON "AuditEntry"("entity", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- AddForeignKey
ALTER TABLE "Country" ADD CONSTRAINT "Country_referenceSourceId_fkey" FOREIGN KEY ("referenceSourceId") REFERENCES "ReferenceSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "City" ADD CONSTRAINT "City_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "City" ADD CONSTRAINT "City_referenceSourceId_fkey" FOREIGN KEY ("referenceSourceId") REFERENCES "ReferenceSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_homeCityId_fkey" FOREIGN KEY ("homeCityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Delegation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegationVisit" ADD CONSTRAINT "DelegationVisit_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegationVisit" ADD CONSTRAINT "DelegationVisit_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventParticipation" ADD CONSTRAINT "EventParticipation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventParticipation" ADD CONSTRAINT "EventParticipation_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventOrganizer" ADD CONSTRAINT "EventOrganizer_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventOrganizer" ADD CONSTRAINT "EventOrganizer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Image" ADD CONSTRAINT "Image_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Image" ADD CONSTRAINT "Image_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Image" ADD CONSTRAINT "Image_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Image" ADD CONSTRAINT "Image_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_figureId_fkey" FOREIGN KEY ("figureId") REFERENCES "Figure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonTitle" ADD CONSTRAINT "PersonTitle_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonTitle" ADD CONSTRAINT "PersonTitle_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonTitle" ADD CONSTRAINT "PersonTitle_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegationMember" ADD CONSTRAINT "DelegationMember_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegationMember" ADD CONSTRAINT "DelegationMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventPerson" ADD CONSTRAINT "EventPerson_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventPerson" ADD CONSTRAINT "EventPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventCounterpart" ADD CONSTRAINT "EventCounterpart_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventCounterpart" ADD CONSTRAINT "EventCounterpart_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventCounterpart" ADD CONSTRAINT "EventCounterpart_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSignatory" ADD CONSTRAINT "AgreementSignatory_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSignatory" ADD CONSTRAINT "AgreementSignatory_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Figure" ADD CONSTRAINT "Figure_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Figure" ADD CONSTRAINT "Figure_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Figure" ADD CONSTRAINT "Figure_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Figure" ADD CONSTRAINT "Figure_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
