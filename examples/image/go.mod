module example.com/imgapp

go 1.19
