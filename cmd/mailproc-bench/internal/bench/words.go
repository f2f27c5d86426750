package bench

// Vocabulary of the generated mail. None of it comes near a request phrase
// (no "COPPA", no "California" beside "privacy", nothing within
// Levenshtein 3 of a phrase), so unrelated mail stays unrelated.

var firstNames = []string{
	"Ada", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hiro", "Imani", "Jonas",
	"Kira", "Luis", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sam", "Tara",
}

var lastNames = []string{
	"Abbott", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Huang", "Ito", "Jensen",
	"Kowalski", "Lopez", "Moreau", "Nguyen", "Okafor", "Patel", "Quist", "Reyes", "Silva", "Tanaka",
}

var streets = []string{"Oak", "Maple", "Harbor", "Mission", "Sunset", "Valley", "Cedar", "Lake", "Pine", "Market"}

var streetKinds = []string{"Street", "Ave", "Blvd", "Road", "Way"}

var cities = []string{"Fresno", "Sacramento", "Los Angeles", "San Diego", "Oakland", "San Jose", "Bakersfield", "Irvine", "Riverside", "Modesto"}

var unrelatedSubjects = []string{
	"Order %d shipping update", "Question about invoice %d", "Password reset not working",
	"Meeting notes for week %d", "Partnership inquiry", "Refund for order %d",
	"Feedback on the new app", "Re: your support ticket %d", "Wholesale pricing",
	"Broken link on the help page", "Delivery address change for order %d", "Job application",
}

var newsletterSubjects = []string{
	"Your weekly digest #%d", "New rates take effect soon", "Product update %d", "Webinar invitation",
}

var fillerWords = []string{
	"the", "order", "arrived", "yesterday", "and", "we", "would", "like", "to", "know", "whether",
	"shipping", "can", "be", "combined", "with", "next", "month", "please", "let", "us", "hear",
	"from", "you", "about", "invoice", "team", "schedule", "account", "update", "thanks", "again",
	"for", "quick", "reply", "our", "warehouse", "moved", "last", "week", "so", "pickup", "times",
	"changed", "a", "little", "meeting", "agenda", "attached", "notes", "follow", "up", "soon",
}
