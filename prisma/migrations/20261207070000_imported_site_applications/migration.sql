-- Hand-written (issue 20, the import's writer). A badge brought over from the old system needs a site application
-- (badges.siteApplicationId is required): the writer makes one standing for the application the old system approved.
-- The badge file carries no handler ID number, nor may an in-progress application from the old system have one, so
-- an imported application (importedAt set) may lack it. Every application made in this system still names it.
ALTER TABLE "site_applications" DROP CONSTRAINT "site_applications_handler_id_present";
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_present"
  CHECK ("handlerIdNumberEnc" IS NOT NULL OR "importedAt" IS NOT NULL);
