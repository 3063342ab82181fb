-- AlterEnum
ALTER TYPE "BadgeChangeStatus" ADD VALUE 'WITHDRAWN';
