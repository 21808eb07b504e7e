module example.com/inc

go 1.19
