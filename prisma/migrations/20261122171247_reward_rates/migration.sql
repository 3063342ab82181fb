-- CreateTable
CREATE TABLE "reward_rates" (
    "id" SERIAL NOT NULL,
    "basisPoints" INTEGER NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "setById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reward_rates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reward_rates_effectiveFrom_key" ON "reward_rates"("effectiveFrom");

-- Hand-written constraints.
ALTER TABLE "reward_rates" ADD CONSTRAINT "reward_rates_basis_points_range" CHECK ("basisPoints" BETWEEN 0 AND 10000);
