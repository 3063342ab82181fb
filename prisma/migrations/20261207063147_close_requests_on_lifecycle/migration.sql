-- AlterEnum
ALTER TYPE "DomainCancellationStatus" ADD VALUE 'CLOSED';

-- AlterEnum
ALTER TYPE "DomainTransferStatus" ADD VALUE 'CLOSED';
