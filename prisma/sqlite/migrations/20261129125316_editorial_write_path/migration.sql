-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "before" TEXT,
    "after" TEXT
);

-- AddColumn (written by hand: Prisma would redefine each table, which drops the search triggers on it and
-- fails to rename while the search view refers to the table; SQLite adds a NOT NULL column with a
-- constant default in place, and the schema check confirms the result equals the schema)
ALTER TABLE "Agreement" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Delegation" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Event" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Image" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Organization" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "AuditEntry_entity_at_idx" ON "AuditEntry"("entity", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");
