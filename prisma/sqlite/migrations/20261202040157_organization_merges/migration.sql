-- CreateTable
CREATE TABLE "OrganizationMerge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "survivorId" INTEGER NOT NULL,
    "mergedId" INTEGER NOT NULL,
    "merged" TEXT NOT NULL,
    "moved" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" DATETIME,
    "undoneBy" TEXT
);

-- CreateIndex
CREATE INDEX "OrganizationMerge_mergedId_idx" ON "OrganizationMerge"("mergedId");

-- CreateIndex
CREATE INDEX "OrganizationMerge_survivorId_idx" ON "OrganizationMerge"("survivorId");
